using System.Text;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

public class ContentDigestTests
{
    private static readonly byte[] s_content = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}\n");

    [Fact]
    public void Create_Sha256_IsRfc9530AppendixB1()
    {
        Assert.Equal("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:", ContentDigest.Create(s_content));
    }

    [Fact]
    public void Create_EmptyContent_IsTheDigestOfNothing()
    {
        Assert.Equal("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", ContentDigest.Create([]));
    }

    [Fact]
    public void Check_SameContent_Matches()
    {
        var check = ContentDigest.Check(ContentDigest.Create(s_content), s_content);

        Assert.True(check.IsMatch, check.Detail);
    }

    [Fact]
    public void Check_BothAlgorithmsAndAnUnknownOne_MatchesOnTheKnownOnes()
    {
        string field = $"md5=:AAAA:, {ContentDigest.Create(s_content, ContentDigestAlgorithm.Sha512)}, {ContentDigest.Create(s_content)}";

        var check = ContentDigest.Check(field, s_content);

        Assert.True(check.IsMatch, check.Detail);
        Assert.Contains("sha-512 and sha-256", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OneByteChanged_IsMismatch()
    {
        byte[] changed = [.. s_content];
        changed[3] ^= 0x20;

        Assert.Equal(ContentDigestOutcome.Mismatch, ContentDigest.Check(ContentDigest.Create(s_content), changed).Outcome);
    }

    [Fact]
    public void Check_OneOfTwoDigestsWrong_IsMismatch()
    {
        string field = $"{ContentDigest.Create(s_content)}, {ContentDigest.Create([1, 2, 3], ContentDigestAlgorithm.Sha512)}";

        Assert.Equal(ContentDigestOutcome.Mismatch, ContentDigest.Check(field, s_content).Outcome);
    }

    [Theory]
    [InlineData(null, ContentDigestOutcome.Missing)]
    [InlineData("", ContentDigestOutcome.NoSupportedAlgorithm)]
    [InlineData("md5=:AAAA:", ContentDigestOutcome.NoSupportedAlgorithm)]
    [InlineData("sha-256=RK/0qy18MlBSVnWgjwz6lZEWjP", ContentDigestOutcome.Malformed)]
    [InlineData("sha-256=\"RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=\"", ContentDigestOutcome.Malformed)]
    [InlineData("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:, sha-256=:AAAA:", ContentDigestOutcome.Malformed)]
    public void Check_FieldWithoutAUsableDigest_SaysWhy(string? field, ContentDigestOutcome outcome)
    {
        Assert.Equal(outcome, ContentDigest.Check(field, s_content).Outcome);
    }
}
