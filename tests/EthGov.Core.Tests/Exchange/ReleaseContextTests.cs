using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Core.Tests.Exchange;

public class ReleaseContextTests
{
    private static readonly AccessEntry s_entry = new(
        31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", 5, new Digest(RandomNumberGenerator.GetBytes(32)), 1, 2,
        new Digest(RandomNumberGenerator.GetBytes(32)), Digest.Zero);

    [Fact]
    public void ReleaseInfo_IsLabelThenEntryHashThenLogRoot()
    {
        var root = new Digest(RandomNumberGenerator.GetBytes(32));

        var info = ReleaseContext.ReleaseInfo(s_entry, root);

        Assert.Equal([.. "ethgov:release:v1"u8, .. s_entry.Hash().ToArray(), .. root.ToArray()], info);
    }

    [Fact]
    public void QueryInfo_IsLabelThenGrantIdAs32BytesBigEndian()
    {
        var info = ReleaseContext.QueryInfo(258);

        Assert.Equal([.. "ethgov:query:v1"u8, .. new byte[30], 1, 2], info);
    }

    [Fact]
    public void SealRelease_OpensForTheSameEntryAndLogOnly()
    {
        using var grantee = HpkePrivateKey.Generate();
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var content = Encoding.UTF8.GetBytes("record content");

        var sealedRelease = ReleaseContext.SealRelease(grantee.PublicKey, s_entry, root, content);

        Assert.Equal(content, ReleaseContext.OpenRelease(grantee, s_entry, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => ReleaseContext.OpenRelease(grantee, s_entry, new Digest(RandomNumberGenerator.GetBytes(32)), sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => ReleaseContext.OpenRelease(grantee, s_entry with { GrantId = 6 }, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
    }

    [Fact]
    public void SealQuery_OpensForTheSameGrantOnly()
    {
        using var holder = HpkePrivateKey.Generate();
        var query = ReleaseContext.SealQuery(holder.PublicKey, 9, "person-1"u8);

        Assert.Equal("person-1"u8.ToArray(), ReleaseContext.OpenQuery(holder, 9, query));
        Assert.Throws<HpkeOpenException>(() => ReleaseContext.OpenQuery(holder, 10, query));
    }

    [Fact]
    public void ReleaseRequest_JsonRoundTrip_KeepsEveryFieldAndWritesTheGrantIdAsText()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var query = new SealedQuery([1, 2, 3], [4, 5]);
        var request = new ReleaseRequest(
            BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935", System.Globalization.CultureInfo.InvariantCulture),
            s_entry.RecordId, s_entry.RequestId, query.Digest(), query,
            new LogInclusion(new Digest(RandomNumberGenerator.GetBytes(32)), [new Digest(RandomNumberGenerator.GetBytes(32))]));

        var json = JsonSerializer.Serialize(request, options);
        var back = JsonSerializer.Deserialize<ReleaseRequest>(json, options)!;

        Assert.Contains("\"grantId\":\"115792089237316195423570985008687907853269984665640564039457584007913129639935\"", json, StringComparison.Ordinal);
        Assert.Contains("\"enc\":\"AQID\"", json, StringComparison.Ordinal);
        Assert.Equal(request.GrantId, back.GrantId);
        Assert.Equal(request.QueryDigest, back.QueryDigest);
        Assert.Equal(query.Digest(), back.SealedQuery!.Digest());
        Assert.Equal(request.Log.Root, back.Log.Root);
        Assert.Equal(request.Log.Proof, back.Log.Proof);
    }
}
