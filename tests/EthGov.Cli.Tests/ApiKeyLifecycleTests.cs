using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Testing;
using Xunit.Abstractions;

namespace EthGov.Cli.Tests;

/// <summary>
/// <c>ethgov apikey</c> against the data directory of a running API process: what the CLI changes takes effect in the
/// API within seconds, with no restart, and the API's last-used times reach <c>ethgov apikey list</c>.
/// </summary>
public sealed class ApiKeyLifecycleTests(ApiKeyLifecycleTests.RunningApi running, ITestOutputHelper output) : IClassFixture<ApiKeyLifecycleTests.RunningApi>
{
    /// <summary>How long a revocation or rotation may take to reach the API (it polls every second).</summary>
    private static readonly TimeSpan s_within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Revoke_WithTheCli_WhileTheApiRuns_TheSameKeyGets401WithinSeconds()
    {
        var (id, secret) = await running.CreateKeyAsync("CIVIL", "anchor");
        using var client = running.Api.Client(secret);
        using var accepted = await AnchorAsync(client);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var revoked = await running.CliAsync("apikey", "revoke", id);
        Assert.Equal(0, revoked.ExitCode);
        var refusedAfter = await TimeUntilAsync(client, HttpStatusCode.Unauthorized);
        output.WriteLine($"refused {refusedAfter.TotalMilliseconds:F0} ms after the CLI's revocation returned");

        Assert.True(refusedAfter < s_within, $"still accepted {refusedAfter.TotalSeconds:F1} s after the revocation");
        Assert.True(running.Api.IsRunning);
    }

    [Fact]
    public async Task Rotate_WithTheCli_WhileTheApiRuns_OldSecretGets401_NewSecretWorksWithTheSameScopes()
    {
        var (id, oldSecret) = await running.CreateKeyAsync("HEALTH", "anchor");
        using var oldClient = running.Api.Client(oldSecret);
        using (var before = await AnchorAsync(oldClient))
        {
            Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        }

        var rotated = await running.CliAsync("apikey", "rotate", id, "--json");
        Assert.Equal(0, rotated.ExitCode);
        var newSecret = JsonDocument.Parse(rotated.Stdout).RootElement.GetProperty("key").GetString()!;
        var refusedAfter = await TimeUntilAsync(oldClient, HttpStatusCode.Unauthorized);
        output.WriteLine($"old secret refused {refusedAfter.TotalMilliseconds:F0} ms after the CLI's rotation returned");
        using var newClient = running.Api.Client(newSecret);
        using var anchored = await AnchorAsync(newClient);
        using var revocation = await newClient.PostAsJsonAsync($"/api/v1/documents/{NewDigest()}/revocation", new { reason = 1 });

        Assert.True(refusedAfter < s_within, $"old secret still accepted {refusedAfter.TotalSeconds:F1} s after the rotation");
        Assert.Equal(HttpStatusCode.Accepted, anchored.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revocation.StatusCode);
        Assert.Contains("insufficient-scope", await revocation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastUsed_AfterTheKeyIsUsed_ApiKeyListShowsIt()
    {
        var (id, secret) = await running.CreateKeyAsync("TRANSPORT", "anchor");
        Assert.False(KeyById(await running.ListAsync(), id).TryGetProperty("lastUsedAt", out _));
        var before = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        using var client = running.Api.Client(secret);
        using var accepted = await AnchorAsync(client);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var deadline = DateTime.UtcNow + s_within;
        JsonElement lastUsed;
        while (!KeyById(await running.ListAsync(), id).TryGetProperty("lastUsedAt", out lastUsed))
        {
            Assert.True(DateTime.UtcNow < deadline, "the key's last use did not reach the database");
            await Task.Delay(200);
        }

        Assert.InRange(lastUsed.GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
    }

    private static Task<HttpResponseMessage> AnchorAsync(HttpClient client) => client.PostAsJsonAsync("/api/v1/documents", new { digest = NewDigest() });

    private static string NewDigest() => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static async Task<TimeSpan> TimeUntilAsync(HttpClient client, HttpStatusCode status)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await AnchorAsync(client);
            if (response.StatusCode == status)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    private static JsonElement KeyById(JsonElement[] keys, string id) => keys.Single(k => k.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) == id);

    /// <summary>A dev chain and the API as its own process, on a data directory the CLI writes to.</summary>
    public sealed class RunningApi : IAsyncLifetime
    {
        private readonly DevChain _chain = new();
        private ApiSettings _settings = null!;

        /// <summary>The API process.</summary>
        public ApiProcess Api { get; private set; } = null!;

        /// <summary>Runs <c>ethgov</c> on the API's data directory.</summary>
        public Task<CliRun> CliAsync(params string[] args) => CliProcess.RunAsync(_settings.DataDirectory, null, [.. args, "--data-dir", _settings.DataDirectory]);

        /// <summary>Creates a key with the CLI; returns its id and secret.</summary>
        public async Task<(string Id, string Secret)> CreateKeyAsync(string department, string scopes)
        {
            var run = await CliAsync("apikey", "create", "--department", department, "--scope", scopes, "--json");
            Assert.Equal(0, run.ExitCode);
            var created = JsonDocument.Parse(run.Stdout).RootElement;
            return (created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), created.GetProperty("key").GetString()!);
        }

        /// <summary><c>ethgov apikey list --json</c>.</summary>
        public async Task<JsonElement[]> ListAsync()
        {
            var run = await CliAsync("apikey", "list", "--json");
            Assert.Equal(0, run.ExitCode);
            return [.. JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray()];
        }

        /// <inheritdoc />
        public async Task InitializeAsync()
        {
            await _chain.InitializeAsync();
            var dataDirectory = Directory.CreateTempSubdirectory("ethgov-apikeys-").FullName;
            var deploymentFile = Path.Combine(dataDirectory, "deployment.json");
            await DeploymentFile.SaveAsync(_chain.Deployment, deploymentFile);
            // One node serving all three departments, whose keys the tests create and use.
            _settings = new ApiSettings(_chain.Node.RpcUrl, deploymentFile, Path.Combine(dataDirectory, "data")).Serving("CIVIL", "HEALTH", "TRANSPORT");
            // Written every second here instead of every minute, so the test need not wait a minute.
            _settings.Settings["EthGov:ApiKeys:LastUsedWriteInterval"] = "00:00:01";
            Api = await ApiProcess.StartAsync(_settings);
        }

        /// <inheritdoc />
        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            await _chain.DisposeAsync();
        }
    }
}
