using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace EthGov.Api.Tests.Storage;

/// <summary>
/// Reads while the node's PostgreSQL server is stopped: every route that reads the store answers at once 503
/// <c>store-unavailable</c> with Retry-After, as the outbox's refusals do, never 500 and never the server's address,
/// its connection string or a stack trace; once the server is back, the same routes answer again.
/// </summary>
public sealed class StoreOutageTests(DevChain chain, ITestOutputHelper output) : IClassFixture<DevChain>
{
    private const string Password = "a long staff password";

    // A consent link's token: secret, so it must not reach the log through the path.
    private static readonly string s_consentToken = "token" + Guid.NewGuid().ToString("N");

    // Routes that read the store, one of each kind: lists of issued documents, exchanges, bulk jobs, grant and change
    // requests, governance proposals from the index, the audit trail, a record's metadata, one exchange and a citizen's
    // consent link (no key).
    private static readonly string[] s_reads =
    [
        "/api/v1/documents",
        "/api/v1/exchanges",
        "/api/v1/exchanges/1",
        "/api/v1/bulk-jobs",
        "/api/v1/grant-requests?direction=outgoing",
        "/api/v1/change-requests",
        "/api/v1/departments/proposals",
        "/api/v1/audit/departments/CIVIL",
        "/api/v1/records/0x" + new string('a', 64),
        "/api/v1/consent-requests/" + s_consentToken,
    ];

    [Fact]
    public async Task PostgresStopped_ReadRoutesAndAClerksSession_Answer503StoreUnavailableWithRetryAfter_AndAgainAfterTheRestart()
    {
        using var server = PostgresServer.StartPrivate();
        var store = server.CreateDatabase();
        var logs = new CapturedLogs();
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?>
        {
            ["EthGov:Storage:Provider"] = store.Provider,
            ["EthGov:Storage:ConnectionString"] = store.ConnectionString,
        }, logs: logs);
        using var client = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
        var name = "clerk-" + Guid.NewGuid().ToString("N")[..8];
        await StaffAccounts.OpenExisting(host.Database).AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false);
        using var clerk = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync("/api/v1/session", new { name, password = Password })).StatusCode);

        var up = new Dictionary<string, HttpStatusCode>();
        foreach (var path in s_reads)
        {
            using var answer = await client.GetAsync(path);
            up[path] = answer.StatusCode;
            // Found or not found: the route got as far as its read of the store.
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound,
                $"{path} answered {(int)answer.StatusCode} with the database up: {await answer.Content.ReadAsStringAsync()}");
        }

        server.Stop("fast");
        try
        {
            foreach (var path in s_reads)
            {
                await AssertUnavailableAsync(await client.GetAsync(path), path, store.ConnectionString!, server.Port);
            }

            // The session cookie is checked against the clerk's account at each request: that read fails the same way.
            await AssertUnavailableAsync(await clerk.GetAsync("/api/v1/session"), "/api/v1/session", store.ConnectionString!, server.Port);
        }
        finally
        {
            server.Restart();
        }

        // One warning per refused request, naming the route's template and the code: never the path's token.
        var warnings = logs.Entries.Where(e => e.Message.Contains("answered 503: the store could not be reached", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message == "GET /api/v1/audit/departments/{code} answered 503: the store could not be reached (no connection)");
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(s_consentToken, StringComparison.Ordinal));

        foreach (var path in s_reads)
        {
            // Pools hand out a dead connection once, at most, after a restart.
            var status = (await client.GetAsync(path)).StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                status = (await client.GetAsync(path)).StatusCode;
            }

            Assert.Equal(up[path], status);
        }

        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/session")).StatusCode);
    }

    private async Task AssertUnavailableAsync(HttpResponseMessage answer, string path, string connectionString, int port)
    {
        using (answer)
        {
            var text = await answer.Content.ReadAsStringAsync();
            output.WriteLine($"{path}: {(int)answer.StatusCode} {text}");
            var body = await Problem.AssertAsync(answer, HttpStatusCode.ServiceUnavailable, ProblemTypes.StoreUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(2), answer.Headers.RetryAfter?.Delta);
            Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
            Assert.DoesNotContain(connectionString, text, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
