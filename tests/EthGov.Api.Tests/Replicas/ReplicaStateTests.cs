using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Api.Departments;
using EthGov.Api.Exchanges;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EthGov.Api.Tests.Replicas;

/// <summary>
/// What replicas of one node on one PostgreSQL database must share beyond the outbox: the session key ring (a clerk
/// signed in on one replica is signed in on the other) and the evidence of exchanges (written by the replica that
/// verified the exchange, served by any), and that nothing of the key ring shows in an answer or a log line.
/// </summary>
public sealed class ReplicaStateTests(DevChain chain) : IClassFixture<DevChain>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task SignInOnOneReplica_TheSessionAndItsTokenWorkOnTheOther_AndOneKeyServesBoth()
    {
        var store = PostgresServer.Shared.CreateDatabase();
        var logs = new CapturedLogs();
        await using var first = await StartAsync(store, logs);
        await using var second = await StartAsync(store, logs);
        var name = "clerk-" + Guid.NewGuid().ToString("N")[..8];
        await StaffAccounts.OpenExisting(first.Database).AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false);

        using var onFirst = first.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var signIn = await onFirst.PostAsJsonAsync("/api/v1/session", new { name, password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var signInBody = await signIn.Content.ReadAsStringAsync();
        var token = JsonSerializer.Deserialize<JsonElement>(signInBody).GetProperty("csrfToken").GetString()!;
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var onSecond = second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        onSecond.DefaultRequestHeaders.Add("Cookie", cookies);
        using var session = await onSecond.GetAsync("/api/v1/session");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var sessionBody = await session.Content.ReadAsStringAsync();
        Assert.Equal(name, JsonSerializer.Deserialize<JsonElement>(sessionBody).GetProperty("name").GetString());

        // An unsafe request on the second replica, with the antiforgery token the first one issued.
        using var anchor = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = JsonContent.Create(new { digest = TestDigests.New() }) };
        anchor.Headers.Add(EthGov.Api.Staff.StaffSession.CsrfHeader, token);
        using var accepted = await onSecond.SendAsync(anchor);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // Both replicas protect with the one key made at start, not one key each.
        var elements = ReadKeyRing(store);
        var key = Assert.Single(elements, e => e.Name.StartsWith("key-", StringComparison.Ordinal));
        var secret = MasterKeyOf(key.Element);
        Assert.True(secret.Length >= 40, "the stored key holds no master key to look for");
        Assert.DoesNotContain(secret, signInBody, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, sessionBody, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));

        // A node on another database has another key ring: the cookie means nothing there.
        await using var stranger = await StartAsync(PostgresServer.Shared.CreateDatabase(), logs);
        using var onStranger = stranger.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        onStranger.DefaultRequestHeaders.Add("Cookie", cookies);
        await Problem.AssertAsync(await onStranger.GetAsync("/api/v1/session"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task EvidenceWrittenByOneReplica_IsServedByTheOther_FromTheSharedFolder()
    {
        var store = PostgresServer.Shared.CreateDatabase();
        var shared = Directory.CreateTempSubdirectory("ethgov-evidence-").FullName;
        var evidenceSetting = new Dictionary<string, string?> { ["EthGov:Exchange:EvidenceDirectory"] = shared };
        await using var writer = await StartAsync(store, more: evidenceSetting);
        await using var reader = await StartAsync(store, more: evidenceSetting);
        var (exchangeId, requestId) = await InsertVerifiedExchangeAsync(writer);
        await writer.Services.GetRequiredService<EvidenceFiles>().WriteAsync(requestId, Evidence(requestId), CancellationToken.None);
        var written = await File.ReadAllBytesAsync(Path.Combine(shared, $"{requestId}.json"));

        using var client = reader.ClientWithKey(await reader.CreateKeyAsync("CIVIL"));
        using var served = await client.GetAsync($"/api/v1/exchanges/{exchangeId}/evidence");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/json", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(written, bytes);
        Assert.Equal(requestId, EvidenceJson.Read(bytes).Entry.RequestId);
        Assert.False(Directory.Exists(Path.Combine(writer.DataDirectory, "evidence")), "the writer wrote into its own data directory");
    }

    [Fact]
    public async Task EvidenceInAReplicasOwnDataDirectory_TheOtherAnswers404EvidenceNotFound_AndAnUnverifiedExchange409()
    {
        var store = PostgresServer.Shared.CreateDatabase();
        await using var writer = await StartAsync(store);
        await using var other = await StartAsync(store);
        var (exchangeId, requestId) = await InsertVerifiedExchangeAsync(writer);
        await writer.Services.GetRequiredService<EvidenceFiles>().WriteAsync(requestId, Evidence(requestId), CancellationToken.None);
        using var onWriter = writer.ClientWithKey(await writer.CreateKeyAsync("CIVIL"));
        using var onOther = other.ClientWithKey(await other.CreateKeyAsync("CIVIL"));
        Assert.Equal(HttpStatusCode.OK, (await onWriter.GetAsync($"/api/v1/exchanges/{exchangeId}/evidence")).StatusCode);

        var missing = await Problem.AssertAsync(await onOther.GetAsync($"/api/v1/exchanges/{exchangeId}/evidence"), HttpStatusCode.NotFound, ProblemTypes.EvidenceNotFound);
        Assert.Contains("EthGov:Exchange:EvidenceDirectory", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(writer.DataDirectory, missing.ToString(), StringComparison.Ordinal);

        var (pendingId, _) = await InsertVerifiedExchangeAsync(writer, state: 1);
        await Problem.AssertAsync(await onOther.GetAsync($"/api/v1/exchanges/{pendingId}/evidence"), HttpStatusCode.Conflict, ProblemTypes.ExchangeNotVerified);
    }

    private Task<ApiHost> StartAsync(StorageOptions store, CapturedLogs? logs = null, IDictionary<string, string?>? more = null)
        => ReplicaHost.StartAsync(chain, store, more, logs);

    // An exchange of CIVIL in the shared store, verified (state 3) unless told otherwise, its receipt already sent so
    // that no worker takes it up.
    private static async Task<(long Id, Digest RequestId)> InsertVerifiedExchangeAsync(ApiHost host, int state = 3)
    {
        var civil = (await host.Services.GetRequiredService<DepartmentDirectory>().FindAsync("CIVIL", CancellationToken.None)).Value!.Id;
        var requestId = Random();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var connection = host.Services.GetRequiredService<Database>().Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO exchanges (department, grant_id, record_id, holder, request_id, entry_hash, state, attempts, next_attempt_at, log_block,
                grant_use, retention_days, receipt_sent_at, created_at, updated_at)
            VALUES (@department, '1', @record, @holder, @request, @entry, @state, 0, @later, 5, 0, 0, @now, @now, @now)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("@department", (long)civil);
        insert.Parameters.AddWithValue("@record", Random().ToArray());
        insert.Parameters.AddWithValue("@holder", (long)civil + 1);
        insert.Parameters.AddWithValue("@request", requestId.ToArray());
        insert.Parameters.AddWithValue("@entry", Random().ToArray());
        insert.Parameters.AddWithValue("@state", (long)state);
        insert.Parameters.AddWithValue("@later", DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("@now", now);
        return (Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), requestId);
    }

    private static ExchangeEvidence Evidence(Digest requestId)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"grantId":"1","requestId":"{{requestId}}"}""");
        var entry = new AccessEntry(31337, "0x" + new string('1', 40), 1, Random(), 2, 1, requestId, Digest.Zero);
        return new ExchangeEvidence(
            entry,
            entry.Hash(),
            new EvidenceLog(Random(), [Random()], "0x" + Convert.ToHexStringLower(Random().ToArray()), 5),
            new EvidenceRequest("POST", "holder.test:8080", "/api/v1/node/releases", new Dictionary<string, string>(), body),
            new EvidenceResponse(200, new Dictionary<string, string>(), Random()),
            Random(),
            [Random()]);
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(Digest.Size));

    private static List<(string Name, string Element)> ReadKeyRing(StorageOptions store)
    {
        using var connection = new NpgsqlConnection(store.ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT name, element FROM session_keys ORDER BY id";
        using var reader = select.ExecuteReader();
        var elements = new List<(string, string)>();
        while (reader.Read())
        {
            elements.Add((reader.GetString(0), reader.GetString(1)));
        }

        return elements;
    }

    // The secret part of a Data Protection key element: the master key's value (base64), unencrypted at rest here.
    private static string MasterKeyOf(string element)
        => System.Xml.Linq.XElement.Parse(element).Descendants("masterKey").Single().Element("value")!.Value;
}
