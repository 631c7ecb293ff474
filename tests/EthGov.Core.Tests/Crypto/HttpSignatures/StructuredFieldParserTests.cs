using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

public class StructuredFieldParserTests
{
    [Fact]
    public void TryParseDictionary_EveryKindOfValue_ReadsEachWithItsParameters()
    {
        var members = Parse("a=1, b=\"x\\\"y\\\\z\", c=:AQID:, d=?0, e=to*k/en:1, f=(1 \"s\");p=3, g, h=-1.5;q, i=()", new HttpSignatureLimits { MaxLabels = 9 });

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i"], members.Select(m => m.Key));
        Assert.Equal(1, members[0].Item!.Value.Integer);
        Assert.Equal("x\"y\\z", members[1].Item!.Value.Text);
        Assert.Equal(new byte[] { 1, 2, 3 }, members[2].Item!.Value.Bytes);
        Assert.False(members[3].Item!.Value.Boolean);
        Assert.Equal(SfItemKind.Token, members[4].Item!.Value.Kind);
        Assert.Equal("to*k/en:1", members[4].Item!.Value.Text);
        Assert.Equal([SfItemKind.Integer, SfItemKind.String], members[5].InnerList!.Select(i => i.Value.Kind));
        Assert.Equal(new SfParameter("p", SfBareItem.OfInteger(3)), Assert.Single(members[5].Parameters));
        Assert.True(members[6].Item!.Value.Boolean);
        Assert.Equal(-1.5m, members[7].Item!.Value.Decimal);
        Assert.Equal(new SfParameter("q", SfBareItem.OfBoolean(true)), Assert.Single(members[7].Item!.Parameters));
        Assert.Empty(members[8].InnerList!);
    }

    [Theory]
    [InlineData("a=1,b=2")]
    [InlineData("a=1 ,\tb=2")]
    [InlineData("  a=1,   b=2")]
    [InlineData("a=( 1  2 ),b=2")]
    [InlineData("a=1;  x=1,b=2")]
    public void TryParseDictionary_AllowedWhitespace_IsAccepted(string input)
    {
        Assert.Equal(2, Parse(input).Count);
    }

    [Fact]
    public void TryParseDictionary_Empty_IsAnEmptyDictionary()
    {
        Assert.Empty(Parse(string.Empty));
    }

    [Fact]
    public void TryParseDictionary_ByteSequenceWithoutPadding_IsAccepted()
    {
        Assert.Equal(new byte[] { 1, 2 }, Parse("a=:AQI:")[0].Item!.Value.Bytes);
    }

    [Theory]
    [InlineData("a=1,", "ends with a ','")]
    [InlineData("a=1 b=2", "expected ','")]
    [InlineData("A=1", "expected a key")]
    [InlineData("1a=1", "expected a key")]
    [InlineData("a=", "expected a value")]
    [InlineData("a=(1", "not closed")]
    [InlineData("a=(1,2)", "expected a space or ')'")]
    [InlineData("a=((1))", "no value can start with '('")]
    [InlineData("a=\"open", "not closed")]
    [InlineData("a=\"bad \\n escape\"", "escapes neither")]
    [InlineData("a=\"tab\there\"", "outside printable ASCII")]
    [InlineData("a=\"caf\u00e9\"", "outside printable ASCII")]
    [InlineData("a=1234567890123456", "too many digits")]
    [InlineData("a=1234567890123.5", "more than 12 integer digits")]
    [InlineData("a=1.2345", "1 to 3 fraction digits")]
    [InlineData("a=1.", "1 to 3 fraction digits")]
    [InlineData("a=-", "no digits")]
    [InlineData("a=:AQ*D:", "not base64")]
    [InlineData("a=:AQID", "not closed with ':'")]
    [InlineData("a=:A:", "not valid base64")]
    [InlineData("a=?2", "neither ?0 nor ?1")]
    [InlineData("a=#", "no value can start with '#'")]
    [InlineData("a=1, a=2", "'a' occurs more than once")]
    [InlineData("a=1;p=1;p=2", "'p' occurs more than once")]
    public void TryParseDictionary_Malformed_FailsWithTheReason(string input, string reason)
    {
        Assert.False(StructuredFieldParser.TryParseDictionary(input, HttpSignatureLimits.Default, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(HttpSignatureLimits.MaxLabels), "a=1,b=2,c=3", "more than 2 members")]
    [InlineData(nameof(HttpSignatureLimits.MaxComponents), "a=(1 2 3)", "more than 2 items")]
    [InlineData(nameof(HttpSignatureLimits.MaxParameters), "a=1;p;q;r", "more than 2 parameters")]
    [InlineData(nameof(HttpSignatureLimits.MaxStringLength), "a=\"abc\"", "longer than 2 characters")]
    [InlineData(nameof(HttpSignatureLimits.MaxStringLength), "a=abc", "longer than 2 characters")]
    [InlineData(nameof(HttpSignatureLimits.MaxStringLength), "abc=1", "longer than 2 characters")]
    [InlineData(nameof(HttpSignatureLimits.MaxByteSequenceLength), "a=:AQID:", "longer than 2 characters")]
    [InlineData(nameof(HttpSignatureLimits.MaxFieldLength), "a=1,b=2", "limit of 2")]
    public void TryParseDictionary_BeyondALimit_FailsNamingIt(string limit, string input, string reason)
    {
        var limits = limit switch
        {
            nameof(HttpSignatureLimits.MaxLabels) => new HttpSignatureLimits { MaxLabels = 2 },
            nameof(HttpSignatureLimits.MaxComponents) => new HttpSignatureLimits { MaxComponents = 2 },
            nameof(HttpSignatureLimits.MaxParameters) => new HttpSignatureLimits { MaxParameters = 2 },
            nameof(HttpSignatureLimits.MaxStringLength) => new HttpSignatureLimits { MaxStringLength = 2 },
            nameof(HttpSignatureLimits.MaxByteSequenceLength) => new HttpSignatureLimits { MaxByteSequenceLength = 2 },
            _ => new HttpSignatureLimits { MaxFieldLength = 2 },
        };

        Assert.False(StructuredFieldParser.TryParseDictionary(input, limits, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseDictionary_RandomInput_NeverThrows()
    {
        var random = new Random(8941);
        const string Alphabet = "a=1(); \"\\:?*-._,AQID/+0\t\u00e9\r\n";
        for (int i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 64)];
            for (int c = 0; c < chars.Length; c++)
            {
                chars[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            StructuredFieldParser.TryParseDictionary(new string(chars), HttpSignatureLimits.Default, out var members, out var error);

            Assert.True(members is not null ^ error is not null);
        }
    }

    private static IReadOnlyList<SfDictionaryMember> Parse(string input, HttpSignatureLimits? limits = null)
    {
        Assert.True(StructuredFieldParser.TryParseDictionary(input, limits ?? HttpSignatureLimits.Default, out var members, out var error), error);
        return members;
    }
}
