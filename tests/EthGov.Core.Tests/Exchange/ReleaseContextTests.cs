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
    public void ReleaseExporterContext_IsLabelThenEntryHashThenLogRoot()
    {
        var root = new Digest(RandomNumberGenerator.GetBytes(32));

        var context = ReleaseContext.ReleaseExporterContext(s_entry, root);

        Assert.Equal([.. "ethgov:release:v2"u8, .. s_entry.Hash().ToArray(), .. root.ToArray()], context);
    }

    [Fact]
    public void SessionRelease_OpensForTheSameKeyEntryAndLogOnly()
    {
        using var grantee = HpkePrivateKey.Generate();
        using var other = HpkePrivateKey.Generate();
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var content = Encoding.UTF8.GetBytes("record content");

        var sealedRelease = new ReleaseSenderSessions().Seal(grantee.PublicKey, s_entry, root, content);
        var sessions = new ReleaseRecipientSessions();

        Assert.Equal(content, sessions.Open(grantee, s_entry, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, s_entry, new Digest(RandomNumberGenerator.GetBytes(32)), sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, s_entry with { GrantId = 6 }, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, s_entry with { Grantee = 3 }, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => sessions.Open(other, s_entry, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext));
    }

    [Fact]
    public void SessionRelease_AlteredAnywhere_DoesNotOpen()
    {
        using var grantee = HpkePrivateKey.Generate();
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var sealedRelease = new ReleaseSenderSessions().Seal(grantee.PublicKey, s_entry, root, RandomNumberGenerator.GetBytes(100));
        var sessions = new ReleaseRecipientSessions();

        foreach (var at in new[] { 0, ReleaseContext.NonceLength, sealedRelease.Ciphertext.Length - 1 })
        {
            var altered = sealedRelease.Ciphertext.ToArray();
            altered[at] ^= 1;
            Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, s_entry, root, sealedRelease.EncapsulatedKey, altered));
        }

        Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, s_entry, root, sealedRelease.EncapsulatedKey, sealedRelease.Ciphertext.AsSpan(0, 20)));
    }

    [Fact]
    public void OneSession_SharesItsEncapsulatedKey_AndSealsEachEntryUnderAKeyOfItsOwn()
    {
        using var grantee = HpkePrivateKey.Generate();
        var senders = new ReleaseSenderSessions(lifetime: TimeSpan.FromHours(1));
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var second = s_entry with { RequestId = new Digest(RandomNumberGenerator.GetBytes(32)) };
        var content = Encoding.UTF8.GetBytes("the same record twice");

        var first = senders.Seal(grantee.PublicKey, s_entry, root, content);
        var next = senders.Seal(grantee.PublicKey, second, root, content);
        var sessions = new ReleaseRecipientSessions();

        Assert.Equal(first.EncapsulatedKey, next.EncapsulatedKey);
        Assert.NotEqual(first.Ciphertext.AsSpan(ReleaseContext.NonceLength).ToArray(), next.Ciphertext.AsSpan(ReleaseContext.NonceLength).ToArray());
        Assert.Equal(content, sessions.Open(grantee, second, root, next.EncapsulatedKey, next.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, second, root, first.EncapsulatedKey, first.Ciphertext));
    }

    [Fact]
    public void ASessionPastItsLifetime_IsReplacedByAFreshOne()
    {
        using var grantee = HpkePrivateKey.Generate();
        var senders = new ReleaseSenderSessions(lifetime: TimeSpan.Zero);
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var sessions = new ReleaseRecipientSessions();

        var first = senders.Seal(grantee.PublicKey, s_entry, root, "a"u8);
        var next = senders.Seal(grantee.PublicKey, s_entry, root, "a"u8);

        Assert.NotEqual(first.EncapsulatedKey, next.EncapsulatedKey);
        Assert.Equal("a"u8.ToArray(), sessions.Open(grantee, s_entry, root, first.EncapsulatedKey, first.Ciphertext));
        Assert.Equal("a"u8.ToArray(), sessions.Open(grantee, s_entry, root, next.EncapsulatedKey, next.Ciphertext));
    }

    [Fact]
    public void ASession_IsAPlainRfc9180Context_ThatAnyRecipientSetsUpFromItsEnc()
    {
        using var grantee = HpkePrivateKey.Generate();
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var sealedRelease = new ReleaseSenderSessions().Seal(grantee.PublicKey, s_entry, root, "content"u8);

        using var recipient = HpkeBaseMode.SetupBaseR(ReleaseContext.Suite, sealedRelease.EncapsulatedKey, grantee, ReleaseContext.SessionInfo);

        Assert.Equal("content"u8.ToArray(), ReleaseContext.OpenRelease(recipient, s_entry, root, sealedRelease.Ciphertext));
    }

    [Fact]
    public void ASingleShotRelease_JournaledBeforeSessions_StillOpens_ForItsEntryOnly()
    {
        using var grantee = HpkePrivateKey.Generate();
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        var legacy = HpkeBaseMode.Seal(ReleaseContext.Suite, grantee.PublicKey, ReleaseContext.ReleaseInfo(s_entry, root), [], "old release"u8);
        var sessions = new ReleaseRecipientSessions();

        Assert.Equal("old release"u8.ToArray(), sessions.Open(grantee, s_entry, root, legacy.EncapsulatedKey, legacy.Ciphertext));
        Assert.Throws<HpkeOpenException>(() => sessions.Open(grantee, s_entry with { GrantId = 6 }, root, legacy.EncapsulatedKey, legacy.Ciphertext));
    }

    [Fact]
    public void AnEncThatIsNoPoint_IsRefusedAsAnInvalidKey()
    {
        using var grantee = HpkePrivateKey.Generate();
        var enc = new byte[65];
        enc[0] = 4;

        Assert.Throws<HpkeInvalidKeyException>(() => new ReleaseRecipientSessions().Open(grantee, s_entry, Digest.Zero, enc, new byte[40]));
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
