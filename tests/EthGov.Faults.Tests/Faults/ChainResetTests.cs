using EthGov.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Faults.Tests.TestSupport;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// The dev chain restarted with its state wiped (the Hardhat node killed, a new one started on the same port): the API
/// notices, reports it, never answers from the old chain, and re-anchors its outbox on the new deployment when told to.
/// </summary>
public sealed class ChainResetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WipedChain_IsReportedNeverAnsweredFrom_AndTheOutboxIsReanchoredOnTheNewDeployment()
    {
        var clock = Stopwatch.StartNew();
        var port = EthGov.Testing.FreePort.Next();
        var first = await DeployedChain.StartAsync(port: port);
        var settings = new ApiSettings(first.RpcUrl, first.DeploymentFile).Serving("TRANSPORT");
        var key = await settings.CreateKeyAsync("TRANSPORT");
        string[] before = [.. Enumerable.Range(0, 40).Select(_ => Digests.New())];
        var api = await ApiProcess.StartAsync(settings);
        using (var http = api.Client(key))
        {
            (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests = before[..39] })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("/api/v1/documents", new { digest = before[39] })).EnsureSuccessStatusCode();
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
            Assert.Equal("valid", await OutcomeAsync(http, before[0]));
        }

        await first.DisposeAsync();
        await using var second = await DeployedChain.StartAsync(port: port);
        output.WriteLine($"chain wiped: node on port {port} restarted, registry deployed anew at {second.Deployment.Registry} (genesis {second.Deployment.GenesisHash[..10]}…)");

        using (var http = api.Client(key))
        {
            var ready = await WaitNotReadyAsync(http);
            output.WriteLine($"/health/ready after the wipe: {ready}");
            Assert.Contains("the chain was reset", ready, StringComparison.Ordinal);

            // Nothing read from the old chain is presented: verification, status and receipts say the chain was reset.
            var answers = new List<(string, HttpStatusCode, string?)>();
            foreach (var url in new[] { $"/api/v1/verify/{before[0]}", $"/api/v1/verify/{before[39]}", $"/api/v1/documents/{before[0]}", $"/api/v1/documents/{before[0]}/receipt" })
            {
                using var response = await http.GetAsync(url);
                answers.Add((url, response.StatusCode, await ProblemTypeAsync(response)));
            }

            var blockAfterWipe = await ChainAnchors.BlockNumberAsync(second.RpcUrl);
            using (var during = await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests = new[] { Digests.New(), Digests.New() } }))
            {
                answers.Add(("POST /api/v1/documents/batch", during.StatusCode, null));
            }

            await Task.Delay(2_000);
            var blockLater = await ChainAnchors.BlockNumberAsync(second.RpcUrl);
            output.WriteLine(string.Join(Environment.NewLine, answers.Select(a => $"{a.Item1} -> {(int)a.Item2} {a.Item3}")));
            output.WriteLine($"blocks on the new chain while the API still has the old deployment: {blockAfterWipe} -> {blockLater}");
            Assert.All(answers.Take(4), a => Assert.Equal((HttpStatusCode.ServiceUnavailable, "https://ethgov.dev/problems/chain-reset"), (a.Item2, a.Item3)));
            Assert.Equal(HttpStatusCode.Accepted, answers[4].Item2);
            Assert.Equal(blockAfterWipe, blockLater);
        }

        await api.DisposeAsync();
        var pending = new OutboxDatabase(settings.DataDirectory).DocumentRows();

        // Restarted on the new deployment without the option: it refuses, and says what to do.
        settings.RpcUrl = second.RpcUrl;
        settings.DeploymentFile = second.DeploymentFile;
        var (exitCode, refusal) = await ApiProcess.RunRefusedAsync(settings);
        var line = refusal.Split('\n').FirstOrDefault(l => l.Contains("ReanchorOnNewDeployment", StringComparison.Ordinal))?.Trim();
        output.WriteLine($"start on the new deployment without the option: exit code {exitCode}: {line}");
        Assert.NotEqual(0, exitCode);
        Assert.NotNull(line);

        // With the option, every document of the outbox is anchored again on the new chain, once.
        settings.Settings["EthGov:ReanchorOnNewDeployment"] = "true";
        await using (var reanchoring = await ApiProcess.StartAsync(settings))
        {
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
            var counted = await AnchorCount.ReadAsync(second.RpcUrl, second.Deployment, settings.DataDirectory);
            using var http = reanchoring.Client();
            var receiptFailures = await counted.CheckReceiptsAsync(http, before);
            var once = before.Count(d => counted.TimesAnchored(d) == 1);
            output.WriteLine($"re-anchored: {pending} outbox documents; {once} of {before.Length} earlier digests anchored exactly once on the new chain " +
                $"({counted.Chain.Batches.Count} batch + {counted.Chain.Documents.Count} single anchors), receipt failures {receiptFailures.Count}; " +
                $"verify {before[0][..10]}… -> {await OutcomeAsync(http, before[0])}");
            Assert.Equal(before.Length, once);
            Assert.Equal(pending, counted.Chain.Batches.Sum(b => (long)b.Count) + counted.Chain.Documents.Count);
            Assert.Empty(receiptFailures);
            Assert.Equal("valid", await OutcomeAsync(http, before[0]));
        }

        settings.Settings.Remove("EthGov:ReanchorOnNewDeployment");
        await using (var again = await ApiProcess.StartAsync(settings))
        {
            output.WriteLine($"restart without the option on the re-anchored outbox: serving; {clock.Elapsed.TotalSeconds:F0} s");
        }
    }

    [Fact]
    public async Task WipedChain_Reanchored_RevokedAndSupersededDocumentsStayRevokedAndSuperseded()
    {
        var port = EthGov.Testing.FreePort.Next();
        var first = await DeployedChain.StartAsync(port: port);
        var settings = new ApiSettings(first.RpcUrl, first.DeploymentFile).Serving("CIVIL");
        var key = await settings.CreateKeyAsync("CIVIL");
        string[] batch = [.. Enumerable.Range(0, 10).Select(_ => Digests.New())];
        var (lone, successor, lastSuccessor) = (Digests.New(), Digests.New(), Digests.New());
        var api = await ApiProcess.StartAsync(settings);
        using (var http = api.Client(key))
        {
            // Settled in between, so that the lone document gets a batch of its own (anchored with anchor, revoked with revoke).
            (await http.PostAsJsonAsync("/api/v1/documents/batch", new { digests = batch })).EnsureSuccessStatusCode();
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));
            (await http.PostAsJsonAsync("/api/v1/documents", new { digest = lone })).EnsureSuccessStatusCode();
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(30));

            // revokeInBatch, revoke (a lone document), supersedeInBatch, then supersede of the single new document.
            (await http.PostAsJsonAsync($"/api/v1/documents/{batch[2]}/revocation", new { reason = 7 })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/v1/documents/{lone}/revocation", new { reason = "lost-or-stolen" })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/v1/documents/{batch[5]}/supersession", new { newDigest = successor })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/v1/documents/{successor}/supersession", new { newDigest = lastSuccessor })).EnsureSuccessStatusCode();
            Assert.Equal(
                ["revoked", "revoked", "superseded", "superseded", "valid", "valid"],
                [await OutcomeAsync(http, batch[2]), await OutcomeAsync(http, lone), await OutcomeAsync(http, batch[5]), await OutcomeAsync(http, successor),
                 await OutcomeAsync(http, lastSuccessor), await OutcomeAsync(http, batch[0])]);
        }

        await api.DisposeAsync();
        await first.DisposeAsync();
        await using var second = await DeployedChain.StartAsync(port: port);
        settings.RpcUrl = second.RpcUrl;
        settings.DeploymentFile = second.DeploymentFile;
        settings.Settings["EthGov:ReanchorOnNewDeployment"] = "true";
        await using (var reanchoring = await ApiProcess.StartAsync(settings))
        {
            await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(60));
            using var http = reanchoring.Client();
            var outcomes = await WaitForOutcomesAsync(http, [batch[2], lone, batch[5], successor, lastSuccessor, batch[0]],
                ["revoked", "revoked", "superseded", "superseded", "valid", "valid"], TimeSpan.FromSeconds(60));
            var counted = await AnchorCount.ReadAsync(second.RpcUrl, second.Deployment, settings.DataDirectory);
            output.WriteLine($"after re-anchoring on the wiped chain: {string.Join(", ", outcomes)}; new documents anchored " +
                $"{counted.TimesAnchored(successor)} and {counted.TimesAnchored(lastSuccessor)} times; replay log lines: " +
                string.Join(" | ", reanchoring.Output.Where(l => l.Contains("replay", StringComparison.OrdinalIgnoreCase))));

            Assert.Equal(["revoked", "revoked", "superseded", "superseded", "valid", "valid"], outcomes);
            Assert.Equal((1, 1, 1), (counted.TimesAnchored(batch[5]), counted.TimesAnchored(successor), counted.TimesAnchored(lastSuccessor)));
            var revoked = await VerdictAsync(http, batch[2]);
            Assert.Equal(7, revoked.GetProperty("facts").GetProperty("revocationReason").GetInt32());
            var superseded = await VerdictAsync(http, batch[5]);
            Assert.Equal(successor, superseded.GetProperty("facts").GetProperty("successor").GetString());
        }

        // A later restart has nothing left to replay and answers the same.
        settings.Settings.Remove("EthGov:ReanchorOnNewDeployment");
        await using (var again = await ApiProcess.StartAsync(settings))
        {
            using var http = again.Client();
            Assert.Equal("revoked", await OutcomeAsync(http, batch[2]));
            Assert.Equal("superseded", await OutcomeAsync(http, successor));
        }
    }

    private static async Task<string[]> WaitForOutcomesAsync(HttpClient http, string[] digests, string[] expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var outcomes = new string[digests.Length];
            for (var i = 0; i < digests.Length; i++)
            {
                outcomes[i] = await OutcomeAsync(http, digests[i]);
            }

            if (outcomes.SequenceEqual(expected) || DateTime.UtcNow > deadline)
            {
                return outcomes;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> VerdictAsync(HttpClient http, string digest)
    {
        using var response = await http.GetAsync($"/api/v1/verify/{digest}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> OutcomeAsync(HttpClient http, string digest)
    {
        using var response = await http.GetAsync($"/api/v1/verify/{digest}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode ? body.RootElement.GetProperty("outcome").GetString()! : $"{(int)response.StatusCode}";
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var body = JsonDocument.Parse(text);
        return body.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
    }

    private static async Task<string> WaitNotReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("reset", StringComparison.Ordinal))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"readiness did not report the wipe: {(int)response.StatusCode} {body}");
            await Task.Delay(200);
        }
    }
}
