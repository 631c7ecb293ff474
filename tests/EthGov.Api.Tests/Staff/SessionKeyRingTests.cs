using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EthGov.Api.Tests.Staff;

/// <summary>
/// The key ring that seals clerks' sessions lives in the node's store (table <c>session_keys</c>), on SQLite as on
/// PostgreSQL: a session outlives a restart of the node, no key file is written to the data directory, and a ring
/// emptied by an operator signs every clerk out.
/// </summary>
public sealed class SessionKeyRingTests(DevChain chain) : IClassFixture<DevChain>
{
    private const string Password = "a long staff password";

    [Fact]
    public async Task SessionCookie_OutlivesARestart_WithTheKeyInTheStoreAndNoKeyFolder()
    {
        var (dataDirectory, name) = await NewNodeAsync();
        string cookies;
        await using (var first = await ApiHost.StartAsync(chain, dataDirectory: dataDirectory))
        {
            cookies = await SignInAsync(first, name);
        }

        await using var restarted = await ApiHost.StartAsync(chain, dataDirectory: dataDirectory);
        using var client = restarted.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session")).StatusCode);
        Assert.Single(DatabaseRows.Read(dataDirectory, "SELECT name FROM session_keys WHERE name LIKE 'key-%'"));
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "session-keys")), "a key folder was written to the data directory");
    }

    [Fact]
    public async Task KeyRingEmptied_WhileStopped_TheOldCookieIsRefused()
    {
        var (dataDirectory, name) = await NewNodeAsync();
        string cookies;
        await using (var first = await ApiHost.StartAsync(chain, dataDirectory: dataDirectory))
        {
            cookies = await SignInAsync(first, name);
        }

        using (var connection = TestStore.Database(dataDirectory).Connect())
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM session_keys";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }

        await using var restarted = await ApiHost.StartAsync(chain, dataDirectory: dataDirectory);
        using var client = restarted.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);

        await Problem.AssertAsync(await client.GetAsync("/api/v1/session"), HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Single(DatabaseRows.Read(dataDirectory, "SELECT name FROM session_keys WHERE name LIKE 'key-%'"));
    }

    // A data directory whose store holds a clerk account (made by a first start, as `ethgov staff add` needs).
    private async Task<(string DataDirectory, string Name)> NewNodeAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("ethgov-api-test-").FullName;
        var name = "clerk-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await ApiHost.StartAsync(chain, dataDirectory: dataDirectory);
        await StaffAccounts.OpenExisting(host.Database).AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), Password, mustChangePassword: false);
        return (dataDirectory, name);
    }

    private static async Task<string> SignInAsync(ApiHost host, string name)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var signIn = await client.PostAsJsonAsync("/api/v1/session", new { name, password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
