using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;
using Npgsql;

namespace EthGov.Api.Tests.Outbox;

/// <summary>
/// PostgreSQL drops the node's connections (a server restart, a failover, an operator's pg_terminate_backend): the
/// request whose commit was cut is refused with 503 and Retry-After, and nothing is accepted for it; the next ones are stored on new
/// connections and anchored, with no restart of the node.
/// </summary>
public sealed class PostgresConnectionLossTests(DevChain chain) : IClassFixture<DevChain>
{
    [Fact]
    public async Task ConnectionsDropped_TheCutRequestIs503_TheNextAreAcceptedAndAnchored()
    {
        var store = PostgresServer.Shared.CreateDatabase();
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?>
        {
            ["EthGov:Storage:Provider"] = store.Provider,
            ["EthGov:Storage:ConnectionString"] = store.ConnectionString,
        });
        var client = host.ClientWithKey(await host.CreateKeyAsync("HEALTH"));
        var before = TestDigests.New();
        await AssertAcceptedAsync(client, before);
        await host.WaitAnchoredAsync(before);

        Assert.True(TerminateNodeConnections(store.ConnectionString!) > 0);

        var cut = TestDigests.New();
        using (var refused = await client.PostAsJsonAsync("/api/v1/documents", new { digest = cut }))
        {
            await Problem.AssertAsync(refused, HttpStatusCode.ServiceUnavailable, ProblemTypes.OutboxUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(ProblemsSetup.RetryAfterSeconds, CultureInfo.InvariantCulture)), refused.Headers.RetryAfter?.Delta);
        }

        var after = TestDigests.New();
        await AssertAcceptedAsync(client, after);
        await AssertAcceptedAsync(client, cut);
        await host.WaitAnchoredAsync(after);
        await host.WaitAnchoredAsync(cut);
    }

    private static async Task AssertAcceptedAsync(HttpClient client, string digest)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/documents", new { digest });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{digest}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    // Ends every other session on the node's database, as a server restart would; answers how many.
    private static long TerminateNodeConnections(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var terminate = connection.CreateCommand();
        terminate.CommandText = """
            SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()) AS ended
            """;
        return (long)terminate.ExecuteScalar()!;
    }
}
