using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Core.Tests.Records;

public class SaltedRecordTests
{
    private const string Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    // SHA-256 of the canonical bytes below, computed outside .NET; a writer change that alters one byte would change
    // the digest of every JSON record ever anchored, so it must fail here.
    private const string PinnedDigest = "0x344d44cc6324e809ef4632eb7926931ed152d505988d9525fecb7faf6d8e3753";

    private static readonly byte[] s_salt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Create_FixedSalt_WritesCanonicalBytesInKeyOrderWithoutWhitespace()
    {
        var record = SaltedRecord.Create("birth-certificate", s_salt, Address, Data("""{ "name" : "Ada",  "born": "1815-12-10" }"""));

        var subject = SubjectCommitment.Of(Address, s_salt);
        Assert.Equal(
            "{\"kind\":\"birth-certificate\",\"salt\":\"0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\","
            + $"\"subject\":\"{subject}\",\"data\":{{\"name\":\"Ada\",\"born\":\"1815-12-10\"}}}}",
            Encoding.UTF8.GetString(record.Bytes));
        Assert.Equal(new Digest(SHA256.HashData(record.Bytes)), record.Digest);
    }

    [Fact]
    public void Create_FixedSalt_DigestIsStable()
    {
        var record = SaltedRecord.Create("birth-certificate", s_salt, null, Data("""{"name":"Ada"}"""));

        Assert.Equal(
            "{\"kind\":\"birth-certificate\",\"salt\":\"0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\",\"subject\":null,\"data\":{\"name\":\"Ada\"}}",
            Encoding.UTF8.GetString(record.Bytes));
        Assert.Equal(PinnedDigest, record.Digest.ToString());
    }

    [Fact]
    public void Create_SameDataTwice_GetsFreshSaltsAndDifferentDigests()
    {
        var first = SaltedRecord.Create("birth-certificate", Address, Data("""{"name":"Ada"}"""));
        var second = SaltedRecord.Create("birth-certificate", Address, Data("""{"name":"Ada"}"""));

        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Digest, second.Digest);
        Assert.NotEqual(first.Subject, second.Subject);
    }

    [Fact]
    public void TryParse_CanonicalBytes_RebuildsTheSameRecord()
    {
        var record = SaltedRecord.Create("licence", s_salt, Address, Data("""{"class":"B","points":[1,2]}"""));

        Assert.True(SaltedRecord.TryParse(record.Bytes, out var parsed));
        Assert.Equal(record.Digest, parsed.Digest);
        Assert.Equal("licence", parsed.Kind);
        Assert.Equal(record.Subject, parsed.Subject);
        Assert.Equal(s_salt, parsed.Salt);
    }

    [Theory]
    [InlineData("{\"kind\":\"licence\", \"salt\":\"0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\",\"subject\":null,\"data\":{}}")]
    [InlineData("{\"salt\":\"0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\",\"kind\":\"licence\",\"subject\":null,\"data\":{}}")]
    [InlineData("{\"kind\":\"licence\",\"salt\":\"0x0102\",\"subject\":null,\"data\":{}}")]
    [InlineData("{\"kind\":\"Licence\",\"salt\":\"0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\",\"subject\":null,\"data\":{}}")]
    [InlineData("{\"kind\":\"licence\",\"salt\":\"0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20\",\"subject\":null,\"data\":[]}")]
    [InlineData("not json")]
    public void TryParse_NonCanonicalOrInvalidBytes_IsFalse(string text)
    {
        Assert.False(SaltedRecord.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("Birth-Certificate")]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("kind-name-that-is-longer-than-forty-chars")]
    public void Create_InvalidKind_Throws(string kind)
    {
        Assert.Throws<ArgumentException>(() => SaltedRecord.Create(kind, null, Data("{}")));
    }

    [Fact]
    public void Create_DataNotAnObject_Throws()
    {
        Assert.Throws<ArgumentException>(() => SaltedRecord.Create("licence", null, Data("[1]")));
    }
}
