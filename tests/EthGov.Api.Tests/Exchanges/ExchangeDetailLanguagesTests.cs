using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Nodes;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Exchanges;

/// <summary>
/// Why an exchange waits, answered in the caller's language: a HEALTH host (node key dev:2) whose exchange worker asks
/// CIVIL, which publishes a node on a closed port, and TRANSPORT, which publishes none. The worker's real postponements
/// are read over HTTP in Chinese and English.
/// </summary>
public sealed class ExchangeDetailLanguagesTests(ExchangeDetailLanguagesTests.Fixture fixture) : IClassFixture<ExchangeDetailLanguagesTests.Fixture>
{
    private const uint Civil = 1;
    private const uint Health = 2;
    private const uint Transport = 3;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HolderNodeUnreachable_IsSaidInChinese_AndInEnglish()
    {
        var id = fixture.Logged(Civil);

        var chinese = await fixture.WaitForDetailAsync(id, ProblemLanguages.Chinese);
        var english = await fixture.DetailAsync(id, ProblemLanguages.English);

        EnglishSentences.AssertChinese(chinese, "无法连接持有方节点（部门 1）");
        Assert.StartsWith("the holder's node (department 1) could not be reached", english, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", english, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("holder-unreachable(department=1)", fixture.StoredDetail(id));
    }

    [Fact]
    public async Task HolderPublishesNoNode_IsSaidInChinese_AndInEnglish()
    {
        var id = fixture.Logged(Transport);

        var chinese = await fixture.WaitForDetailAsync(id, ProblemLanguages.Chinese);
        var english = await fixture.DetailAsync(id, ProblemLanguages.English);

        EnglishSentences.AssertChinese(chinese, "部门 3 没有在账本上公布节点");
        Assert.Equal("department 3 publishes no node on chain; the message is sent again", english);
        Assert.Equal("no-node-published(department=3)", fixture.StoredDetail(id));

        // The list answers the same, in the caller's language.
        Assert.Equal(chinese, await fixture.ListedDetailAsync(id, ProblemLanguages.Chinese));
        Assert.Equal(english, await fixture.ListedDetailAsync(id, ProblemLanguages.English));
    }

    [Fact]
    public async Task SentenceOfAnOlderNode_IsAnsweredAsStored()
    {
        const string Sentence = "the holder's node: connection refused";
        var id = fixture.Logged(Civil, nextAttemptAt: DateTimeOffset.UtcNow.AddDays(1), detail: Sentence);

        Assert.Equal("（原文）" + Sentence, await fixture.DetailAsync(id, ProblemLanguages.Chinese));
        Assert.Equal(Sentence, await fixture.DetailAsync(id, ProblemLanguages.English));
    }

    [Fact]
    public async Task RefusalDetail_ThatLooksLikeACode_IsNotReadAsOne()
    {
        // A refusal's detail carries the holder's words: a holder must not make them pass for the node's own sentence.
        const string Forged = "no-node-key()";
        var id = fixture.Logged(Civil, nextAttemptAt: DateTimeOffset.UtcNow.AddDays(1), detail: Forged, state: 4);

        Assert.Equal("（原文）" + Forged, await fixture.DetailAsync(id, ProblemLanguages.Chinese));
        Assert.Equal(Forged, await fixture.DetailAsync(id, ProblemLanguages.English));
    }

    [Fact]
    public async Task RefusalCode_IsSaidInChinese_AndInEnglish()
    {
        var id = fixture.Logged(Civil, nextAttemptAt: DateTimeOffset.UtcNow.AddDays(1), detail: "holder-refused(reason=grant-revoked)", state: 4);

        EnglishSentences.AssertChinese(await fixture.DetailAsync(id, ProblemLanguages.Chinese), "持有方节点拒绝提供（grant-revoked）");
        Assert.Equal("the holder's node refused the release (grant-revoked); the node's log has its words", await fixture.DetailAsync(id, ProblemLanguages.English));
    }

    /// <summary>The chain with CIVIL's node on a closed port, TRANSPORT without a node, and a host for HEALTH.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly NodeKeys _civilKeys = NodeKeys.Load("dev:1", 31337UL);
        private readonly NodeKeys _healthKeys = NodeKeys.Load("dev:2", 31337UL);
        private HttpClient? _client;

        public DevChain Chain { get; } = new();

        public ApiHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Chain.InitializeAsync();
            await PublishedNodes.PublishAsync(Chain, (1, _civilKeys, $"http://127.0.0.1:{ClosedPort()}"), (2, _healthKeys, "http://health.test:8080"));

            Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?>
            {
                ["EthGov:NodeKey"] = "dev:2",
                ["EthGov:Nodes:AllowPrivateAddresses"] = "true",
                ["EthGov:Signers:CIVIL"] = string.Empty,
                ["EthGov:Signers:TRANSPORT"] = string.Empty,
            });
            _client = Host.ClientWithKey(await Host.CreateKeyAsync("HEALTH"));
        }

        /// <summary>Writes an exchange of HEALTH from <paramref name="holder"/> as the access-log worker leaves it: logged, due.</summary>
        public long Logged(uint holder, DateTimeOffset? nextAttemptAt = null, string? detail = null, int state = 1)
        {
            var now = DateTimeOffset.UtcNow;
            var database = Host.Services.GetRequiredService<Database>();
            using var connection = database.Connect();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO exchanges (department, grant_id, record_id, holder, request_id, entry_hash, state, attempts, next_attempt_at, detail,
                    log_root, log_block, grant_use, retention_days, created_at, updated_at)
                VALUES (@department, '1', @record, @holder, @request, @entry, @state, 0, @next, @detail, @root, 0, 1, 30, @now, @now)
                RETURNING id
                """;
            Add(insert, "@department", (long)Health);
            Add(insert, "@record", Random());
            Add(insert, "@holder", (long)holder);
            Add(insert, "@request", Random());
            Add(insert, "@entry", Random());
            Add(insert, "@state", (long)state);
            Add(insert, "@next", (nextAttemptAt ?? now).ToUnixTimeMilliseconds());
            Add(insert, "@detail", (object?)detail ?? DBNull.Value);
            Add(insert, "@root", Random());
            Add(insert, "@now", now.ToUnixTimeMilliseconds());
            var id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            Host.Services.GetRequiredService<EthGov.Api.Exchanges.ExchangeSignal>().ExchangesDue();
            return id;
        }

        /// <summary>The exchange's detail as the store keeps it.</summary>
        public string? StoredDetail(long id)
        {
            using var connection = Host.Services.GetRequiredService<Database>().Connect();
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT detail FROM exchanges WHERE id = @id";
            Add(select, "@id", id);
            return select.ExecuteScalar() as string;
        }

        /// <summary>The exchange's detail as GET /api/v1/exchanges/{id} answers it in <paramref name="language"/>.</summary>
        public async Task<string?> DetailAsync(long id, string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exchanges/{id}");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await _client!.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
        }

        /// <summary>The exchange's detail as the first page of GET /api/v1/exchanges answers it in <paramref name="language"/>.</summary>
        public async Task<string?> ListedDetailAsync(long id, string language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exchanges?pageSize=100");
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await _client!.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var item = body.RootElement.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
            return item.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
        }

        /// <summary>Reads the exchange until the worker has postponed it (its detail set), in <paramref name="language"/>.</summary>
        public async Task<string> WaitForDetailAsync(long id, string language)
        {
            var deadline = DateTime.UtcNow + s_timeout;
            while (true)
            {
                if (await DetailAsync(id, language) is { } detail)
                {
                    return detail;
                }

                Assert.True(DateTime.UtcNow < deadline, $"exchange {id} was not postponed within {s_timeout}");
                await Task.Delay(100);
            }
        }

        public async Task DisposeAsync()
        {
            _client?.Dispose();
            await Host.DisposeAsync();
            await Chain.DisposeAsync();
            _civilKeys.Dispose();
            _healthKeys.Dispose();
            SqliteConnection.ClearAllPools();
        }

        private static void Add(System.Data.Common.DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        private static byte[] Random() => RandomNumberGenerator.GetBytes(32);

        // A port nothing listens on: bound, read, and let go.
        private static int ClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
