using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Exchange;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Chain.Registry;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.NodeRoutes;

/// <summary>
/// The holder's node routes through the API: a host serving CIVIL (holder, node key dev:1) and TRANSPORT, and HEALTH as
/// the grantee, whose node key (dev:2) it publishes on chain; TRANSPORT publishes none. Requests are signed by hand as a
/// grantee node signs them.
/// </summary>
public sealed class NodeReleasesApiTests(NodeReleasesApiTests.Fixture fixture) : IClassFixture<NodeReleasesApiTests.Fixture>
{
    private const uint Civil = 1;
    private const uint Health = 2;
    private const uint Transport = 3;
    private const string Releases = "/api/v1/node/releases";
    private const string Receipts = Releases + "/receipts";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Release_Unsigned_Is401InvalidSignature()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostAsync(Releases, new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ExchangeRefusal.InvalidSignature);
        Assert.False(problem.GetProperty("retryable").GetBoolean());
    }

    [Fact]
    public async Task Release_SignedWithAKeyTheDepartmentDoesNotPublish_Is401InvalidSignature()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(Signed(client, NoGrantBody(), Health, fixture.TransportKeys));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ExchangeRefusal.InvalidSignature);
    }

    [Fact]
    public async Task Release_SignerDepartmentPublishesNoKey_Is401UnknownNodeKey()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(Signed(client, NoGrantBody(), Transport, fixture.TransportKeys));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ExchangeRefusal.UnknownNodeKey);
    }

    [Fact]
    public async Task Release_SameSignedRequestTwice_IsRefusedAsReplayedTheSecondTime()
    {
        using var client = fixture.Host.CreateClient();
        var body = NoGrantBody();
        var first = Signed(client, body, Health, fixture.GranteeKeys);
        var again = Copy(first, body);

        var answered = await client.SendAsync(first);
        var replayed = await client.SendAsync(again);

        await Problem.AssertAsync(answered, HttpStatusCode.NotFound, ExchangeRefusal.NoGrant);
        await Problem.AssertAsync(replayed, HttpStatusCode.Conflict, ExchangeRefusal.ReplayedRequest);
    }

    [Fact]
    public async Task Release_BodyOverSixtyFourKilobytes_Is413BeforeAnyCheck()
    {
        using var client = fixture.Host.CreateClient();
        var body = new byte[(64 * 1024) + 1];

        var response = await client.SendAsync(Signed(client, body, Health, fixture.GranteeKeys));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task Release_ValidRequest_Is200SignedByTheHolder_AndAfterTheReceiptLogReused()
    {
        var (entry, digest, body) = await ReleasableAsync();
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(Signed(client, body, Health, fixture.GranteeKeys));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        Assert.Null(NodeHttpMessages.VerifyResponse(response, bytes, Civil, fixture.HolderKeys.Signing, 31337, fixture.Chain.Deployment.Registry, DateTimeOffset.UtcNow));
        var release = JsonSerializer.Deserialize<Release>(bytes, s_json)!;
        Assert.Equal(digest, new Digest(SHA256.HashData(new ReleaseRecipientSessions().Open(fixture.GranteeKeys.Encryption, entry, release.LogRoot, release.Enc, release.Ciphertext))));

        var acknowledged = await SendReceiptsAsync(client, Health, fixture.GranteeKeys, Civil, new ReleaseReceipt(entry.RequestId, digest));
        var reused = await client.SendAsync(Signed(client, body, Health, fixture.GranteeKeys));

        Assert.Equal(ReceiptAnswer.Acknowledged, Assert.Single(acknowledged.Answers).Outcome);
        await Problem.AssertAsync(reused, HttpStatusCode.Conflict, ExchangeRefusal.LogReused);
    }

    [Fact]
    public async Task Receipts_OneBodyForSeveralReleases_EachAnsweredOnItsOwn_AndOnlyRightOnesUseTheLog()
    {
        var (first, firstDigest, firstBody) = await ReleasableAsync();
        var (second, secondDigest, secondBody) = await ReleasableAsync();
        using var client = fixture.Host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Signed(client, firstBody, Health, fixture.GranteeKeys))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Signed(client, secondBody, Health, fixture.GranteeKeys))).StatusCode);
        var unknown = Random();

        var answers = await SendReceiptsAsync(client, Health, fixture.GranteeKeys, Civil,
            new ReleaseReceipt(first.RequestId, firstDigest), new ReleaseReceipt(second.RequestId, Random()), new ReleaseReceipt(unknown, secondDigest));

        Assert.Equal(Civil, answers.Holder);
        Assert.Equal([first.RequestId, second.RequestId, unknown], answers.Answers.Select(a => a.RequestId));
        Assert.Equal([ReceiptAnswer.Acknowledged, ReceiptAnswer.ContentMismatch, ReceiptAnswer.NotFound], answers.Answers.Select(a => a.Outcome));
        Assert.NotNull(answers.Answers[0].AcknowledgedAt);
        await Problem.AssertAsync(await client.SendAsync(Signed(client, firstBody, Health, fixture.GranteeKeys)), HttpStatusCode.Conflict, ExchangeRefusal.LogReused);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Signed(client, secondBody, Health, fixture.GranteeKeys))).StatusCode);
    }

    [Theory]
    [InlineData(0, false, Civil)]
    [InlineData(ReleaseReceipts.MaxReceipts + 1, false, Civil)]
    [InlineData(2, true, Civil)]
    [InlineData(1, false, 99u)]
    public async Task Receipts_EmptyTooManyTwiceTheSameOrAnotherNodesDepartment_Is400(int count, bool duplicate, uint holder)
    {
        var receipts = Enumerable.Range(0, count).Select(_ => new ReleaseReceipt(Random(), Random())).ToList();
        if (duplicate)
        {
            receipts[1] = receipts[0];
        }

        using var client = fixture.Host.CreateClient();
        var body = JsonSerializer.SerializeToUtf8Bytes(new ReleaseReceipts(holder, receipts), s_json);

        var response = await client.SendAsync(Signed(client, body, Health, fixture.GranteeKeys, Receipts));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Receipts_Unsigned_Is401InvalidSignature()
    {
        using var client = fixture.Host.CreateClient();
        var body = JsonSerializer.SerializeToUtf8Bytes(new ReleaseReceipts(Civil, [new ReleaseReceipt(Random(), Random())]), s_json);

        var response = await client.PostAsync(Receipts, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ExchangeRefusal.InvalidSignature);
    }

    // A record of CIVIL's, kept and anchored, granted to HEALTH, with HEALTH's access entry logged in a confirmed batch:
    // the entry, the record's digest and the signed request's body.
    private async Task<(AccessEntry Entry, Digest Digest, byte[] Body)> ReleasableAsync()
    {
        var chain = fixture.Chain;
        var content = RandomNumberGenerator.GetBytes(1024);
        var digest = new Digest(SHA256.HashData(content));
        await fixture.Host.Services.GetRequiredService<RecordStore>().PutAsync(new RecordContent(digest, Civil, "application/octet-stream", content));
        (await chain.ClientFor(1).Documents.AnchorAsync(digest)).Unwrap();
        var grant = (await chain.ClientFor(1).Grants.GrantAsync(digest, Digest.Zero, [], Health, 1, DateTimeOffset.UtcNow.AddDays(1), Random(), GrantTerms.Default)).Unwrap().GrantId;
        var entry = new AccessEntry(31337, chain.Deployment.Registry, grant, digest, Civil, Health, Random(), Digest.Zero);
        var tree = MerkleTree.Build([entry.Hash(), Random()]);
        (await chain.ClientFor(2).Grants.LogAccessBatchAsync(tree.Root, 2)).Unwrap();
        await chain.Node.CallAsync("evm_mine");
        return (entry, digest, Body(entry.GrantId, digest, entry.RequestId, tree.Root, tree.GetProof(entry.Hash())));
    }

    // Sends receipts signed by department, checks that the holder signed the 200 answer, and reads it.
    private async Task<ReceiptAnswers> SendReceiptsAsync(HttpClient client, uint department, NodeKeys keys, uint holder, params ReleaseReceipt[] receipts)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ReleaseReceipts(holder, receipts), s_json);
        var response = await client.SendAsync(Signed(client, body, department, keys, Receipts));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(NodeHttpMessages.VerifyResponse(response, bytes, holder, fixture.HolderKeys.Signing, 31337, fixture.Chain.Deployment.Registry, DateTimeOffset.UtcNow));
        return JsonSerializer.Deserialize<ReceiptAnswers>(bytes, s_json)!;
    }

    [Fact]
    public async Task Timeline_HoldersKey_ListsTheGrantAndTheRelease_AndAnotherDepartmentsKeyIs404()
    {
        var chain = fixture.Chain;
        var content = RandomNumberGenerator.GetBytes(64);
        var digest = new Digest(SHA256.HashData(content));
        await fixture.Host.Services.GetRequiredService<RecordStore>().PutAsync(new RecordContent(digest, Civil, "application/octet-stream", content));
        (await chain.ClientFor(1).Documents.AnchorAsync(digest)).Unwrap();
        var grant = (await chain.ClientFor(1).Grants.GrantAsync(digest, Digest.Zero, [], Health, 1, DateTimeOffset.UtcNow.AddDays(1), Random(), GrantTerms.Default)).Unwrap().GrantId;
        var entry = new AccessEntry(31337, chain.Deployment.Registry, grant, digest, Civil, Health, Random(), Digest.Zero);
        var tree = MerkleTree.Build([entry.Hash(), Random()]);
        (await chain.ClientFor(2).Grants.LogAccessBatchAsync(tree.Root, 2)).Unwrap();
        await chain.Node.CallAsync("evm_mine");
        using var client = fixture.Host.CreateClient();
        var released = await client.SendAsync(Signed(client, Body(grant, digest, entry.RequestId, tree.Root, tree.GetProof(entry.Hash())), Health, fixture.GranteeKeys));
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);

        using var civil = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL"));
        using var transport = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("TRANSPORT"));
        var timeline = JsonDocument.Parse(await civil.GetStringAsync($"/api/v1/records/{digest}/timeline")).RootElement;
        var other = await transport.GetAsync($"/api/v1/records/{digest}/timeline");

        var release = Assert.Single(timeline.GetProperty("releases").EnumerateArray());
        Assert.Equal(entry.RequestId.ToString(), release.GetProperty("requestId").GetString());
        Assert.Equal(tree.Root.ToString(), release.GetProperty("logRoot").GetString());
        Assert.Equal(Health, release.GetProperty("grantee").GetUInt32());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));

    private static byte[] Body(BigInteger grantId, Digest recordId, Digest requestId, Digest root, Digest[] proof) =>
        JsonSerializer.SerializeToUtf8Bytes(new ReleaseRequest(grantId, recordId, requestId, null, null, new LogInclusion(root, proof)), s_json);

    private static byte[] NoGrantBody() => Body(999_999, Random(), Random(), Random(), []);

    private HttpRequestMessage Signed(HttpClient client, byte[] body, uint department, NodeKeys keys, string path = Releases)
        => NodeHttpMessages.SignedPost(new Uri(client.BaseAddress!, path), body, department, 31337, fixture.Chain.Deployment.Registry, keys.Signing, DateTimeOffset.UtcNow);

    private static HttpRequestMessage Copy(HttpRequestMessage sent, byte[] body)
    {
        var copy = new HttpRequestMessage(sent.Method, sent.RequestUri) { Content = new ByteArrayContent(body) };
        copy.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        copy.Content.Headers.TryAddWithoutValidation(ContentDigest.FieldName, sent.Content!.Headers.GetValues(ContentDigest.FieldName));
        copy.Headers.TryAddWithoutValidation(HttpSignatureFields.SignatureInputField, sent.Headers.GetValues(HttpSignatureFields.SignatureInputField));
        copy.Headers.TryAddWithoutValidation(HttpSignatureFields.SignatureField, sent.Headers.GetValues(HttpSignatureFields.SignatureField));
        return copy;
    }

    /// <summary>The chain with HEALTH's node published, and a host for CIVIL and TRANSPORT with node key dev:1.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public DevChain Chain { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public NodeKeys HolderKeys { get; } = NodeKeys.Load("dev:1", 31337UL);

        public NodeKeys GranteeKeys { get; } = NodeKeys.Load("dev:2", 31337UL);

        public NodeKeys TransportKeys { get; } = NodeKeys.Load("dev:3", 31337UL);

        public async Task InitializeAsync()
        {
            await Chain.InitializeAsync();
            var health = Chain.ClientFor(2);
            var (_, change) = (await health.Departments.RequestSetNodeAsync("http://health.test:8080", GranteeKeys.SigningPublicKey, GranteeKeys.EncryptionPublicKey)).Unwrap();
            await Chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
            (await health.Departments.ApplySignerChangeAsync(change)).Unwrap();
            Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?>
            {
                ["EthGov:NodeKey"] = "dev:1",
                ["EthGov:Signers:HEALTH"] = string.Empty,
            });
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Chain.DisposeAsync();
            HolderKeys.Dispose();
            GranteeKeys.Dispose();
            TransportKeys.Dispose();
        }
    }
}
