using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Chain.Keys;
using EthGov.Chain.Transactions;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// One sender per key, through real API processes: a second process with a key another one sends with on this host
/// refuses to start (until the first dies, even by kill -9); a node restarted with another department's key refuses to
/// start; and a node whose key another program sends with stops sending, says so once, reports it on /health/ready and
/// keeps every document it accepted, which a restart then anchors.
/// </summary>
public sealed class SingleSenderTests(ITestOutputHelper output)
{
    private static readonly string s_civil = DevAccounts.Get(1, 31337).Address;
    private static readonly string s_health = DevAccounts.Get(2, 31337).Address;

    [Fact]
    public async Task SecondApiProcess_WithTheSameKeyOnOneHost_RefusesToStartNamingTheKeyAndItsLock_UntilTheFirstIsKilled()
    {
        await using var chain = await DeployedChain.StartAsync();
        var first = NodeOf(chain, "CIVIL", "dev:1");
        var second = NodeOf(chain, "CIVIL", "dev:1");
        var locks = first.Settings["EthGov:SenderLockDirectory"];
        second.Settings["EthGov:SenderLockDirectory"] = locks;
        await using var running = await ApiProcess.StartAsync(first);
        var holder = running.Id;

        var (exitCode, refusal) = await ApiProcess.RunRefusedAsync(second);
        await running.KillAsync();
        await using var afterKill = await ApiProcess.StartAsync(second);

        output.WriteLine($"second process, same key and lock directory: exit code {exitCode}: {refusal.Trim()}");
        output.WriteLine($"after kill -9 of the first (process {holder}): the second starts and serves: {afterKill.IsRunning}");
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(Lines(refusal));
        Assert.Contains($"key {s_civil}", line, StringComparison.Ordinal);
        Assert.Contains(SenderLock.PathFor(locks, 31337, s_civil), line, StringComparison.Ordinal);
        Assert.Contains($"(process {holder})", line, StringComparison.Ordinal);
        Assert.True(afterKill.IsRunning);
    }

    [Fact]
    public async Task ApiRestarted_WithAnotherDepartmentsKey_RefusesToStartWithOneLine()
    {
        await using var chain = await DeployedChain.StartAsync();
        var settings = NodeOf(chain, "CIVIL", "dev:1");
        var key = await settings.CreateKeyAsync("CIVIL");

        // No batch is formed while it runs: the three documents it accepts stay unanchored in its outbox.
        settings.Settings["EthGov:Outbox:BatchInterval"] = "01:00:00";
        await using (var api = await ApiProcess.StartAsync(settings))
        {
            using var http = api.Client(key);
            (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests = new[] { Digests.New(), Digests.New(), Digests.New() } })).EnsureSuccessStatusCode();
        }

        settings.Settings["EthGov:Signers:CIVIL"] = "dev:2";
        var wrongKey = await RefusalAsync(settings);
        settings.Settings["EthGov:Signers:CIVIL"] = "dev:9";
        var noKey = await RefusalAsync(settings);
        settings.Settings["EthGov:Signers:CIVIL"] = string.Empty;
        settings.Settings["EthGov:Signers:HEALTH"] = "dev:2";
        var unanchored = await RefusalAsync(settings);

        // CIVIL's own key anchors them; then HEALTH's key alone on CIVIL's data directory is refused all the same.
        settings.Settings["EthGov:Signers:CIVIL"] = "dev:1";
        settings.Settings["EthGov:Signers:HEALTH"] = string.Empty;
        settings.Settings["EthGov:Outbox:BatchInterval"] = "00:00:00.200";
        await using (var api = await ApiProcess.StartAsync(settings))
        {
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(60));
        }

        settings.Settings["EthGov:Signers:CIVIL"] = string.Empty;
        settings.Settings["EthGov:Signers:HEALTH"] = "dev:2";
        var foreignOutbox = await RefusalAsync(settings);

        // Keeping CIVIL's key, the node may grow to host HEALTH as well.
        settings.Settings["EthGov:Signers:CIVIL"] = "dev:1";
        await using var grown = await ApiProcess.StartAsync(settings);

        output.WriteLine(string.Join(Environment.NewLine, wrongKey, noKey, unanchored, foreignOutbox));
        output.WriteLine($"CIVIL and HEALTH together on CIVIL's data directory: serving {grown.IsRunning}");
        Assert.Equal($"EthGov:Signers:CIVIL: key {s_health} is a key of HEALTH, not CIVIL", wrongKey);
        Assert.Equal($"EthGov:Signers:CIVIL: key {DevAccounts.Get(9, 31337).Address} is no key of any department", noKey);
        Assert.StartsWith($"EthGov:Signers: the data directory {settings.DataDirectory} holds unanchored work of CIVIL (3 documents not yet anchored), but no signer of CIVIL is configured", unanchored, StringComparison.Ordinal);
        Assert.StartsWith($"EthGov:Signers:HEALTH: the data directory {settings.DataDirectory} belongs to CIVIL and never served HEALTH; it holds the outbox of CIVIL (3 documents)", foreignOutbox, StringComparison.Ordinal);
        Assert.True(grown.IsRunning);
    }

    [Fact]
    public async Task ApiSender_WhenAnotherClientSendsWithItsKey_StopsSayingSoOnce_ReadinessSaysSo_AndTheOutboxKeepsEveryDocument()
    {
        await using var chain = await DeployedChain.StartAsync();
        var settings = NodeOf(chain, "CIVIL", "dev:1");
        var key = await settings.CreateKeyAsync("CIVIL");
        var anchored = Digests.New();
        string[] accepted = [.. Enumerable.Range(0, 5).Select(_ => Digests.New())];
        string count;
        await using (var api = await ApiProcess.StartAsync(settings))
        {
            using var http = api.Client(key);
            (await http.PostAsJsonAsync("/api/v1/documents?wait=true", new { digest = anchored })).EnsureSuccessStatusCode();

            // Another program sends with CIVIL's key: the chain node's own wallet.
            await chain.Node.CallAsync("eth_sendTransaction", new { from = s_civil, to = s_civil, value = "0x0" });
            count = await CountAsync(chain);
            (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests = accepted })).EnsureSuccessStatusCode();
            var readiness = await WaitNotReadyAsync(http);

            // Batcher rounds and retries go by; a revocation needs the sender too.
            await Task.Delay(TimeSpan.FromSeconds(3));
            using var revocation = await http.PostAsJsonAsync($"/api/v1/documents/{anchored}/revocation", new { reason = 1 });
            var problem = JsonDocument.Parse(await revocation.Content.ReadAsStringAsync()).RootElement;
            var statuses = new List<string>();
            foreach (var digest in accepted)
            {
                statuses.Add((await http.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{digest}")).GetProperty("status").GetString()!);
            }

            var onChain = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
            // The sender's line (readiness probes log their own result on every probe).
            var stopLines = api.Output.Where(l => l.Contains("stopped sending:", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
            output.WriteLine($"/health/ready: {readiness}");
            output.WriteLine($"log: {string.Join(" | ", stopLines)}");
            output.WriteLine($"revocation: {(int)revocation.StatusCode} {problem.GetProperty("type")}; statuses {string.Join(",", statuses.Distinct())}; key's count {count} -> {await CountAsync(chain)}");

            Assert.Contains($"\"signers\":{{\"status\":\"Unhealthy\",\"description\":\"the signer of CIVIL ({s_civil}) stopped sending at nonce 1", readiness, StringComparison.Ordinal);
            Assert.Contains($"signer {s_civil} stopped sending: the node's pending transaction count for the key is 2", Assert.Single(stopLines), StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "https://ethgov.dev/problems/signer-stopped"), (revocation.StatusCode, problem.GetProperty("type").GetString()));
            Assert.All(statuses, s => Assert.Equal("pending", s));
            Assert.All(accepted, d => Assert.Equal(0, onChain.TimesAnchored(d)));
            Assert.Equal(count, await CountAsync(chain));
        }

        // The other sender gone, a restart anchors everything the outbox kept.
        await using (var restarted = await ApiProcess.StartAsync(settings))
        {
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(60));
            var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
            using var ready = await restarted.Client().GetAsync("/health/ready");
            output.WriteLine($"after a restart: anchored {string.Join(",", accepted.Select(counted.TimesAnchored).Distinct())} time(s) each; ready {(int)ready.StatusCode}");
            Assert.All(accepted, d => Assert.Equal(1, counted.TimesAnchored(d)));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }

    /// <summary>An API that signs for <paramref name="code"/> only, with <paramref name="key"/>.</summary>
    private static ApiSettings NodeOf(DeployedChain chain, string code, string key)
    {
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile);
        foreach (var department in new[] { "CIVIL", "HEALTH", "TRANSPORT" })
        {
            settings.Settings[$"EthGov:Signers:{department}"] = string.Empty;
        }

        settings.Settings[$"EthGov:Signers:{code}"] = key;
        return settings;
    }

    /// <summary>Starts the API expecting a refusal: a non-zero exit and exactly one line.</summary>
    private static async Task<string> RefusalAsync(ApiSettings settings)
    {
        var (exitCode, refusal) = await ApiProcess.RunRefusedAsync(settings);
        Assert.NotEqual(0, exitCode);
        return Assert.Single(Lines(refusal));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<string> CountAsync(DeployedChain chain)
        => (await chain.Node.CallAsync("eth_getTransactionCount", s_civil, "pending")).GetString()!;

    private static async Task<string> WaitNotReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("stopped sending", StringComparison.Ordinal))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"readiness did not report the stopped signer: {(int)response.StatusCode} {body}");
            await Task.Delay(200);
        }
    }
}
