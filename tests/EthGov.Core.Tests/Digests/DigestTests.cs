using EthGov.Core.Digests;

namespace EthGov.Core.Tests.Digests;

public class DigestTests
{
    private const string Lower = "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Parse_LowercaseHex_RoundTripsToSameText()
    {
        Assert.Equal(Lower, Digest.Parse(Lower).ToString());
    }

    [Fact]
    public void Parse_UppercaseHexAndPrefix_FormatsLowercase()
    {
        var digest = Digest.Parse("0X" + Lower[2..].ToUpperInvariant());

        Assert.Equal(Lower, digest.ToString());
        Assert.Equal(Digest.Parse(Lower), digest);
    }

    [Theory]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "missing '0x' prefix")]
    [InlineData("", "missing '0x' prefix")]
    [InlineData("0x", "wrong length: 0 hex digits instead of 64")]
    [InlineData("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", "odd number of hex digits (63)")]
    [InlineData("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8", "wrong length: 62 hex digits instead of 64")]
    [InlineData("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85500", "wrong length: 66 hex digits instead of 64")]
    [InlineData("0xg3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "non-hex character 'g' at position 2")]
    [InlineData("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 ", "non-hex character ' ' at position 65")]
    public void TryParse_Malformed_ReportsPreciseError(string text, string expected)
    {
        Assert.False(Digest.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_Malformed_ThrowsFormatExceptionWithReason()
    {
        var e = Assert.Throws<FormatException>(() => Digest.Parse("0x12"));
        Assert.Contains("wrong length: 2 hex digits instead of 64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(Digest.TryParse(null, out _));
    }

    [Fact]
    public void Constructor_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Digest(new byte[31]));
    }

    [Fact]
    public void ToArray_ReturnsBytesInOrder()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        Assert.Equal(bytes, new Digest(bytes).ToArray());
    }

    [Fact]
    public void CompareTo_OrdersLikeBytesLexicographically()
    {
        var low = Digest.Parse("0x00000000000000000000000000000000000000000000000000000000000000ff");
        var high = Digest.Parse("0x0000000000000001000000000000000000000000000000000000000000000000");
        var top = Digest.Parse("0xff00000000000000000000000000000000000000000000000000000000000000");

        Assert.True(low < high);
        Assert.True(high < top);
        Assert.Equal(0, low.CompareTo(Digest.Parse(low.ToString())));
    }

    [Fact]
    public void Zero_IsZeroAndFormatsAsZeros()
    {
        Assert.True(Digest.Zero.IsZero);
        Assert.Equal("0x" + new string('0', 64), Digest.Zero.ToString());
        Assert.False(Digest.Parse(Lower).IsZero);
    }
}
