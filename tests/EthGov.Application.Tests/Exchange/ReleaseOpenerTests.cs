using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Nodes;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Tests.Exchange;

/// <summary>
/// The grantee reads a holder's answer trusting nothing in it: a release is signed by the holder's published key, names
/// this request, opens with this node's key for this entry and log, and hashes to the record id, or it is tampered.
/// The releases are sealed and signed here with the protocol's own functions, as a holder node does.
/// </summary>
public sealed class ReleaseOpenerTests : IDisposable
{
    private const ulong ChainId = 31337;
    private const string Registry = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private const uint Holder = 1;
    private const uint Grantee = 2;

    private readonly ECDsa _holderKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly HpkePrivateKey _granteeKey = HpkePrivateKey.Generate();
    private readonly ReleaseSenderSessions _senderSessions = new();
    private readonly ReleaseRecipientSessions _sessions = new();
    private readonly byte[] _content = Encoding.UTF8.GetBytes("{\"kind\":\"birth-certificate\",\"data\":{}}");
    private readonly ExchangeRecord _exchange;
    private readonly AccessEntry _entry;

    public ReleaseOpenerTests()
    {
        var recordId = new Digest(SHA256.HashData(_content));
        var requestId = Random();
        _entry = new AccessEntry(ChainId, Registry, new BigInteger(5), recordId, Holder, Grantee, requestId, Digest.Zero);
        _exchange = new ExchangeRecord(1, Grantee, new BigInteger(5), recordId, Holder, requestId, _entry.Hash(), ExchangeState.Logged, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)
        {
            LogRoot = Random(),
        };
    }

    public void Dispose()
    {
        _holderKey.Dispose();
        _granteeKey.Dispose();
    }

    [Fact]
    public void Read_AnHonestRelease_OpensToTheRecord()
    {
        var outcome = Read(Respond(_content));

        Assert.NotNull(outcome.Opened);
        Assert.Equal(_content, outcome.Opened.Content);
        Assert.Equal(_exchange.RecordId, Assert.Single(outcome.Opened.Records).Digest);
    }

    [Fact]
    public void Read_ContentThatDoesNotHashToTheRecordId_IsTamperedContent()
    {
        var other = Encoding.UTF8.GetBytes("{\"kind\":\"birth-certificate\",\"data\":{\"name\":\"someone else\"}}");

        var outcome = Read(Respond(other));

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
        Assert.Contains("not the record id", outcome.Refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AReleaseStatingTheRightDigestOverOtherContent_IsTamperedContent()
    {
        var outcome = Read(Respond(Encoding.UTF8.GetBytes("forged"), statedDigest: _exchange.RecordId));

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
    }

    [Fact]
    public void Read_ABodyChangedAfterTheHolderSignedIt_IsTamperedContent()
    {
        var honest = Respond(_content);
        var body = (byte[])honest.Body.Clone();
        body[^3] ^= 1;

        var outcome = Read(honest with { Body = body });

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
        Assert.Contains("signature", outcome.Refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AReleaseSignedByAnotherKeyThanTheHoldersPublishedOne_IsTamperedContent()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var outcome = Read(Respond(_content, signer: stranger));

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
    }

    [Fact]
    public void Read_AReleaseSealedForAnotherLog_DoesNotOpen_AndIsTamperedContent()
    {
        var outcome = Read(Respond(_content, sealedForRoot: Random()));

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
        Assert.Contains("does not open", outcome.Refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AReleaseForAnotherRequest_IsTamperedContent()
    {
        var outcome = Read(Respond(_content, requestId: Random()));

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
    }

    [Fact]
    public void Read_AKindQueryAnswer_OpensToEachRecord_CheckedAgainstItsDigest()
    {
        var kind = KindExchange();
        byte[] first = [1, 2, 3], second = [4, 5];
        var answer = JsonSerializer.SerializeToUtf8Bytes(new[] { Item(first), Item(second) }, ReleaseOpener.Json);

        var outcome = Read(Respond(answer, exchange: kind), kind);

        Assert.NotNull(outcome.Opened);
        Assert.Equal([first, second], outcome.Opened.Records.Select(r => r.Content));
    }

    [Fact]
    public void Read_AKindQueryAnswerWithARecordNotHashingToItsDigest_IsTamperedContent()
    {
        var kind = KindExchange();
        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new[] { Item([1, 2, 3]), new KindQueryItem(new Digest(SHA256.HashData([9])), "application/json", Convert.ToBase64String([8])) },
            ReleaseOpener.Json);

        var outcome = Read(Respond(answer, exchange: kind), kind);

        Assert.Equal(ExchangeRefusal.TamperedContent, outcome.Refusal?.Reason);
    }

    [Theory]
    [InlineData(409, ExchangeRefusal.LogNotConfirmed)]
    [InlineData(503, ExchangeRefusal.ChainUnavailable)]
    public void Read_ARetryableRefusal_IsRetried(int status, string reason)
    {
        var outcome = Read(Problem(status, reason));

        Assert.Null(outcome.Refusal);
        Assert.Contains(reason, outcome.RetryDetail, StringComparison.Ordinal);
        Assert.Equal(ReleaseRetry.HolderRefusedForNow, outcome.Retry!.Code);
        Assert.Equal([new KeyValuePair<string, string>("reason", reason)], outcome.Retry.Values);

        // The holder's own words are for the log, never a value to store.
        Assert.Contains("as the holder found it", outcome.RetryDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, ExchangeRefusal.GrantRevoked)]
    [InlineData(409, ExchangeRefusal.LogReused)]
    [InlineData(404, ExchangeRefusal.RecordNotHeld)]
    public void Read_ARefusalForGood_RefusesWithTheHoldersReason(int status, string reason)
    {
        var outcome = Read(Problem(status, reason));

        Assert.Equal(reason, outcome.Refusal?.Reason);
    }

    [Theory]
    [InlineData(502, "<html>bad gateway</html>")]
    [InlineData(500, "{\"type\":\"https://ethgov.dev/problems/internal-error\"}")]
    [InlineData(403, "{\"type\":\"https://ethgov.dev/problems/tampered-content\"}")]
    public void Read_AStatusOrProblemTheProtocolDoesNotName_IsRetried(int status, string body)
    {
        var outcome = Read(new NodeResponse(status, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body)));

        Assert.Null(outcome.Refusal);
        Assert.NotNull(outcome.RetryDetail);
        Assert.Equal(ReleaseRetry.HolderAnswered, outcome.Retry!.Code);
        Assert.Equal([new KeyValuePair<string, string>("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture))], outcome.Retry.Values);
    }

    private static KindQueryItem Item(byte[] content) => new(new Digest(SHA256.HashData(content)), "application/json", Convert.ToBase64String(content));

    private (ExchangeRecord Exchange, AccessEntry Entry) KindExchange()
    {
        var kindId = Random();
        var query = Random();
        var entry = _entry with { RecordId = kindId, QueryDigest = query };
        return (_exchange with { RecordId = kindId, EntryHash = entry.Hash(), SealedQuery = [1], QueryDigest = query }, entry);
    }

    private ReleaseOutcome Read(NodeResponse response, (ExchangeRecord Exchange, AccessEntry Entry)? kind = null)
    {
        using var published = EcdsaP256Sha256.ImportPublicKey(EcdsaP256Sha256.ExportPublicKey(_holderKey));
        return ReleaseOpener.Read(response, kind?.Exchange ?? _exchange, kind?.Entry ?? _entry, published, _granteeKey, ChainId, Registry, DateTimeOffset.UtcNow, _sessions);
    }

    private NodeResponse Respond(
        byte[] content, Digest? statedDigest = null, ECDsa? signer = null, Digest? sealedForRoot = null, Digest? requestId = null,
        (ExchangeRecord Exchange, AccessEntry Entry)? exchange = null)
    {
        var (asked, entry) = exchange ?? (_exchange, _entry);
        var root = asked.LogRoot!.Value;
        var sealedContent = _senderSessions.Seal(_granteeKey.PublicKey, entry, sealedForRoot ?? root, content);
        var release = new Release(
            asked.GrantId, asked.RecordId, requestId ?? asked.RequestId, Holder, statedDigest ?? new Digest(SHA256.HashData(content)),
            "application/json", sealedContent.EncapsulatedKey, sealedContent.Ciphertext, root, 12, DateTimeOffset.UtcNow);
        var body = JsonSerializer.SerializeToUtf8Bytes(release, ReleaseOpener.Json);
        var signed = NodeSignatures.SignResponse(200, body, Holder, ChainId, Registry, signer ?? _holderKey, DateTimeOffset.UtcNow);
        return new NodeResponse(200, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [ContentDigest.FieldName] = signed.ContentDigest,
            ["Signature-Input"] = signed.SignatureInput,
            ["Signature"] = signed.Signature,
        }, body);
    }

    private static NodeResponse Problem(int status, string reason) => new(
        status,
        new Dictionary<string, string>(),
        JsonSerializer.SerializeToUtf8Bytes(new { type = ExchangeRefusal.TypePrefix + reason, title = "refused", status, detail = "as the holder found it" }));

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
