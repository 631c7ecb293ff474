using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Api.Erasure;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Exchange;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Application.Storage;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Erasure;

/// <summary>
/// The grantee's side of erasure through the API: a host whose node key (dev:2) HEALTH publishes, holding copies HEALTH
/// obtained from CIVIL (node key dev:1); TRANSPORT (dev:3) plays a rogue department that publishes a key of its own.
/// Notices are signed by hand as a holder's node signs them; exchanges are written in the state the exchange worker
/// leaves them in once verified.
/// </summary>
public sealed class GranteeErasureApiTests(GranteeErasureApiTests.Fixture fixture) : IClassFixture<GranteeErasureApiTests.Fixture>
{
    private const uint Civil = 1;
    private const uint Health = 2;
    private const uint Transport = 3;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Notice_FromTheHolder_ErasesTheCopyAndEvidence_AcknowledgesSigned_AndReadsAre410()
    {
        var copy = await fixture.ObtainAsync(Civil);
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(fixture.SignedNotice(client, Notice(copy.Record, Civil), Civil, fixture.CivilKeys));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(NodeHttpMessages.VerifyResponse(response, body, Health, fixture.HealthKeys.Signing, 31337, fixture.Chain.Deployment.Registry, DateTimeOffset.UtcNow));
        var acknowledgement = JsonSerializer.Deserialize<ErasureAcknowledgement>(body, s_json)!;
        Assert.Equal(copy.Record, acknowledgement.RecordId);
        Assert.Equal([copy.RequestId], acknowledgement.RequestIds);

        var kept = await fixture.Records.GetAsync(copy.Record);
        Assert.True(kept!.IsErased);
        Assert.Null(kept.Content);
        var evidence = fixture.Evidence(copy.RequestId);
        Assert.Equal("holder", evidence.Erasure!.Cause);
        Assert.Equal(copy.Record, evidence.ContentDigest);
        Assert.Equal(copy.RequestBody, evidence.Request.Body);

        using var staff = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("HEALTH"));
        await Problem.AssertAsync(await staff.GetAsync($"/api/v1/exchanges/{copy.ExchangeId}/content"), HttpStatusCode.Gone, "content-gone");
        await Problem.AssertAsync(await staff.GetAsync($"/api/v1/records/{copy.Record}"), HttpStatusCode.Gone, "record-erased");
        var timeline = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/records/{copy.Record}/timeline")).RootElement;
        Assert.Equal("received", timeline.GetProperty("origin").GetString());
        Assert.NotEqual(JsonValueKind.Null, timeline.GetProperty("erasedAt").ValueKind);
        var erasure = Assert.Single(timeline.GetProperty("erasures").EnumerateArray());
        Assert.Equal(Civil, erasure.GetProperty("holder").GetUInt32());
        Assert.Equal("erased", erasure.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Notice_RogueDepartmentNamingTheHolder_Is403NotHolder_AndNothingIsErased()
    {
        var copy = await fixture.ObtainAsync(Civil);
        using var client = fixture.Host.CreateClient();

        // TRANSPORT signs with its own published key, and claims to speak for CIVIL.
        var response = await client.SendAsync(fixture.SignedNotice(client, Notice(copy.Record, Civil), Transport, fixture.TransportKeys));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ExchangeRefusal.NotHolder);
        await fixture.AssertIntactAsync(copy);
    }

    [Fact]
    public async Task Notice_RogueDepartmentNamingItself_Is404_AndNothingIsErased()
    {
        var copy = await fixture.ObtainAsync(Civil);
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(fixture.SignedNotice(client, Notice(copy.Record, Transport), Transport, fixture.TransportKeys));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "exchange-not-found");
        await fixture.AssertIntactAsync(copy);
    }

    [Fact]
    public async Task Notice_SignedForTheHolderWithAnotherKey_Is401_AndNothingIsErased()
    {
        var copy = await fixture.ObtainAsync(Civil);
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(fixture.SignedNotice(client, Notice(copy.Record, Civil), Civil, fixture.TransportKeys));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, ExchangeRefusal.InvalidSignature);
        await fixture.AssertIntactAsync(copy);
    }

    [Fact]
    public async Task Notice_ReplayedVerbatim_Is409_AndSentAgainFreshlySigned_GetsTheFirstAcknowledgement()
    {
        var copy = await fixture.ObtainAsync(Civil);
        using var client = fixture.Host.CreateClient();
        var body = Notice(copy.Record, Civil);
        var first = fixture.SignedNotice(client, body, Civil, fixture.CivilKeys);
        var replay = Copy(first, body);

        var answered = await client.SendAsync(first);
        var replayed = await client.SendAsync(replay);
        await Task.Delay(10);
        var again = await client.SendAsync(fixture.SignedNotice(client, body, Civil, fixture.CivilKeys));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await Problem.AssertAsync(replayed, HttpStatusCode.Conflict, ExchangeRefusal.ReplayedRequest);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstAck = JsonSerializer.Deserialize<ErasureAcknowledgement>(await answered.Content.ReadAsByteArrayAsync(), s_json)!;
        var secondAck = JsonSerializer.Deserialize<ErasureAcknowledgement>(await again.Content.ReadAsByteArrayAsync(), s_json)!;
        Assert.Equal(firstAck.ErasedAt, secondAck.ErasedAt);
    }

    [Fact]
    public async Task Notice_RecordInAKindQueryAnswer_ErasesItAndTheAnswer_AndTheEvidenceKeepsOnlyTheQuerysDigest()
    {
        var copy = await fixture.ObtainAsync(Civil, kindQuery: true);
        using var client = fixture.Host.CreateClient();

        var response = await client.SendAsync(fixture.SignedNotice(client, Notice(copy.Record, Civil), Civil, fixture.CivilKeys));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await fixture.Records.GetAsync(copy.Record))!.IsErased);
        Assert.True((await fixture.Records.GetAsync(copy.Content))!.IsErased);
        var request = fixture.Evidence(copy.RequestId).Request;
        Assert.Null(request.Body);
        Assert.Equal(new Digest(SHA256.HashData(copy.RequestBody)), request.BodyDigest);
        Assert.DoesNotContain("sealedQuery", File.ReadAllText(fixture.EvidencePath(copy.RequestId)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionSweep_ErasesCopiesPastTheirGrantsTerms_AndKeepsTheRest()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = await fixture.ObtainAsync(Civil, store: true, retainUntil: now.AddMinutes(-1));
        var lasting = await fixture.ObtainAsync(Civil, store: true, retainUntil: now.AddDays(5));
        var viewed = await fixture.ObtainAsync(Civil, store: false, servedAt: now.AddMinutes(-5), kindQuery: true);
        var unviewedOld = await fixture.ObtainAsync(Civil, store: false, createdAt: now.AddDays(-31));
        var unviewedNew = await fixture.ObtainAsync(Civil, store: false);
        var sweeper = fixture.Host.Services.GetRequiredService<GranteeRetentionSweeper>();

        var erased = await sweeper.SweepAsync(now, CancellationToken.None);

        Assert.Equal(3, erased);
        foreach (var gone in new[] { expired, viewed, unviewedOld })
        {
            Assert.True((await fixture.Records.GetAsync(gone.Record))!.IsErased, $"exchange {gone.ExchangeId} kept its copy");
            Assert.Equal("grant-terms", fixture.Evidence(gone.RequestId).Erasure!.Cause);
        }

        Assert.True((await fixture.Records.GetAsync(viewed.Content))!.IsErased);
        Assert.Null(fixture.Evidence(viewed.RequestId).Request.Body);
        await fixture.AssertIntactAsync(lasting);
        await fixture.AssertIntactAsync(unviewedNew);
        Assert.Equal(0, await sweeper.SweepAsync(now, CancellationToken.None));
    }

    private static byte[] Notice(Digest record, uint holder)
        => JsonSerializer.SerializeToUtf8Bytes(new ErasureNotice(record, holder, Health, DateTimeOffset.UtcNow), s_json);

    private static HttpRequestMessage Copy(HttpRequestMessage sent, byte[] body)
    {
        var copy = new HttpRequestMessage(sent.Method, sent.RequestUri) { Content = new ByteArrayContent(body) };
        copy.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        copy.Content.Headers.TryAddWithoutValidation(ContentDigest.FieldName, sent.Content!.Headers.GetValues(ContentDigest.FieldName));
        copy.Headers.TryAddWithoutValidation(HttpSignatureFields.SignatureInputField, sent.Headers.GetValues(HttpSignatureFields.SignatureInputField));
        copy.Headers.TryAddWithoutValidation(HttpSignatureFields.SignatureField, sent.Headers.GetValues(HttpSignatureFields.SignatureField));
        return copy;
    }

    /// <summary>A copy HEALTH obtained: the record, the exchange that brought it, its request and evidence.</summary>
    public sealed record Obtained(Digest Record, Digest Content, long ExchangeId, Digest RequestId, byte[] RequestBody);

    /// <summary>The chain with the three departments' nodes published, and a host for HEALTH with node key dev:2.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public DevChain Chain { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public NodeKeys CivilKeys { get; } = NodeKeys.Load("dev:1", 31337UL);

        public NodeKeys HealthKeys { get; } = NodeKeys.Load("dev:2", 31337UL);

        public NodeKeys TransportKeys { get; } = NodeKeys.Load("dev:3", 31337UL);

        public RecordStore Records => Host.Services.GetRequiredService<RecordStore>();

        public async Task InitializeAsync()
        {
            await Chain.InitializeAsync();
            await PublishedNodes.PublishAsync(Chain, (1, CivilKeys, "http://civil.test:8080"), (2, HealthKeys, "http://health.test:8080"), (3, TransportKeys, "http://transport.test:8080"));

            Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?>
            {
                ["EthGov:NodeKey"] = "dev:2",
                ["EthGov:Signers:CIVIL"] = string.Empty,
                ["EthGov:Signers:TRANSPORT"] = string.Empty,
                ["EthGov:Erasure:SweepInterval"] = "01:00:00",
            });
        }

        /// <summary>
        /// Writes a verified exchange of HEALTH from <paramref name="holder"/>, its kept copy and its evidence file, as the
        /// exchange worker leaves them: a record, or for a kind query an answer listing it (the record kept on its own too).
        /// </summary>
        public async Task<Obtained> ObtainAsync(
            uint holder, bool kindQuery = false, bool store = true, DateTimeOffset? retainUntil = null, DateTimeOffset? servedAt = null, DateTimeOffset? createdAt = null)
        {
            var recordBytes = Encoding.UTF8.GetBytes($"record {Guid.NewGuid():N}");
            var record = new Digest(SHA256.HashData(recordBytes));
            byte[] contentBytes = recordBytes;
            if (kindQuery)
            {
                contentBytes = JsonSerializer.SerializeToUtf8Bytes(new[] { new KindQueryItem(record, "text/plain", Convert.ToBase64String(recordBytes)) }, s_json);
            }

            var content = new Digest(SHA256.HashData(contentBytes));
            var requestId = Random();
            var sealedQuery = kindQuery ? RandomNumberGenerator.GetBytes(100) : null;
            var now = DateTimeOffset.UtcNow;
            long id;
            var database = Host.Services.GetRequiredService<Database>();
            using (var connection = database.Connect())
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = """
                    INSERT INTO exchanges (department, grant_id, record_id, holder, sealed_query, query_digest, request_id, entry_hash, state, attempts,
                        next_attempt_at, log_root, log_block, content_digest, media_type, grant_use, retention_days, retain_until, content_served_at,
                        receipt_sent_at, created_at, updated_at)
                    VALUES (@department, '1', @record, @holder, @sealed, @query, @request, @entry, 3, 0, @now, @root, 5, @content, @media, @use, @days,
                        @retain, @served, @now, @created, @now)
                    RETURNING id
                    """;
                insert.Parameters.AddWithValue("@department", (long)Health);
                insert.Parameters.AddWithValue("@record", (kindQuery ? Random() : record).ToArray());
                insert.Parameters.AddWithValue("@holder", (long)holder);
                insert.Parameters.AddWithValue("@sealed", (object?)sealedQuery ?? DBNull.Value);
                insert.Parameters.AddWithValue("@query", sealedQuery is null ? DBNull.Value : SHA256.HashData(sealedQuery));
                insert.Parameters.AddWithValue("@request", requestId.ToArray());
                insert.Parameters.AddWithValue("@entry", Random().ToArray());
                insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("@root", Random().ToArray());
                insert.Parameters.AddWithValue("@content", content.ToArray());
                insert.Parameters.AddWithValue("@media", kindQuery ? "application/json" : "text/plain");
                insert.Parameters.AddWithValue("@use", store ? 1 : 0);
                insert.Parameters.AddWithValue("@days", store ? 30 : 0);
                insert.Parameters.AddWithValue("@retain", store ? (retainUntil ?? now.AddDays(30)).ToUnixTimeMilliseconds() : DBNull.Value);
                insert.Parameters.AddWithValue("@served", servedAt is { } served ? served.ToUnixTimeMilliseconds() : DBNull.Value);
                insert.Parameters.AddWithValue("@created", (createdAt ?? now).ToUnixTimeMilliseconds());
                id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            var exchangeId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var retain = store ? retainUntil ?? now.AddDays(30) : (DateTimeOffset?)null;
            Assert.Equal(RecordPutOutcome.Stored, await Records.PutAsync(
                new RecordContent(record, Health, "text/plain", recordBytes, RecordOrigin.Received) { ExchangeId = exchangeId, RetainUntil = retain }));
            if (kindQuery)
            {
                Assert.Equal(RecordPutOutcome.Stored, await Records.PutAsync(
                    new RecordContent(content, Health, "application/json", contentBytes, RecordOrigin.Received) { ExchangeId = exchangeId, RetainUntil = retain }));
            }

            var requestBody = kindQuery
                ? JsonSerializer.SerializeToUtf8Bytes(new { grantId = "1", requestId, sealedQuery = new { enc = Convert.ToBase64String(sealedQuery![..65]), ciphertext = Convert.ToBase64String(sealedQuery[65..]) } }, s_json)
                : JsonSerializer.SerializeToUtf8Bytes(new { grantId = "1", recordId = record, requestId }, s_json);
            var entry = new AccessEntry(31337, Chain.Deployment.Registry, 1, kindQuery ? Random() : record, holder, Health, requestId,
                sealedQuery is null ? Digest.Zero : new Digest(SHA256.HashData(sealedQuery)));
            var evidence = new ExchangeEvidence(
                entry,
                entry.Hash(),
                new EvidenceLog(Random(), [Random()], "0x" + Convert.ToHexStringLower(Random().ToArray()), 5),
                new EvidenceRequest("POST", "civil.test:8080", "/api/v1/node/releases",
                    new Dictionary<string, string> { ["content-digest"] = ContentDigest.Create(requestBody) }, requestBody),
                new EvidenceResponse(200, new Dictionary<string, string>(), Random()),
                content,
                [record]);
            Directory.CreateDirectory(Path.GetDirectoryName(EvidencePath(requestId))!);
            await File.WriteAllBytesAsync(EvidencePath(requestId), EvidenceJson.Write(evidence));
            return new Obtained(record, content, id, requestId, requestBody);
        }

        public string EvidencePath(Digest requestId) => Path.Combine(Host.DataDirectory, "evidence", $"{requestId}.json");

        public ExchangeEvidence Evidence(Digest requestId) => EvidenceJson.Read(File.ReadAllBytes(EvidencePath(requestId)));

        public async Task AssertIntactAsync(Obtained copy)
        {
            var kept = await Records.GetAsync(copy.Record);
            Assert.False(kept!.IsErased, $"the copy of exchange {copy.ExchangeId} was erased");
            Assert.NotNull(kept.Content);
            Assert.Null(Evidence(copy.RequestId).Erasure);
        }

        public HttpRequestMessage SignedNotice(HttpClient client, byte[] body, uint department, NodeKeys keys)
            => NodeHttpMessages.SignedPost(new Uri(client.BaseAddress!, NodeErasuresApi.Route), body, department, 31337, Chain.Deployment.Registry, keys.Signing, DateTimeOffset.UtcNow);

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Chain.DisposeAsync();
            CivilKeys.Dispose();
            HealthKeys.Dispose();
            TransportKeys.Dispose();
            SqliteConnection.ClearAllPools();
        }

        private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
    }
}
