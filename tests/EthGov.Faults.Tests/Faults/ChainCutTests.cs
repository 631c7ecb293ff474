using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// The chain cut off for 30 s under load (a TCP proxy that drops connections), on the Hardhat node and on anvil: the
/// outbox keeps accepting, nothing is lost.
/// </summary>
public sealed class ChainCutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_cut = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(ChainClient.Hardhat)]
    [InlineData(ChainClient.Anvil)]
    public async Task ChainCutFor30Seconds_UnderLoad_AcceptsIntoOutboxReportsNotReadyAndAnchorsEverythingAfter(ChainClient client)
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync(client);
        await using var proxy = TcpProxy.Start(chain.Node.Port);
        var settings = new ApiSettings(proxy.Url, chain.DeploymentFile).Serving("HEALTH");
        var load = new AnchorLoad(await settings.CreateKeyAsync("HEALTH"), workers: 2);
        await using var api = await ApiProcess.StartAsync(settings);
        using var http = api.Client(timeout: TimeSpan.FromSeconds(60));
        var probes = new ConcurrentDictionary<string, int>();

        proxy.Cut();
        var before = await ChainAnchors.ReadAsync(chain.RpcUrl, chain.Deployment);
        using (var stop = new CancellationTokenSource(s_cut))
        {
            var writing = load.RunAsync(settings.BaseUrl, stop.Token);
            var probing = ProbeAsync(http, probes, stop.Token);
            await Task.WhenAll(writing, probing);
        }

        var acceptedDuringCut = load.Accepted.Count;
        // anvil mines empty blocks all along: what must not change during the cut is what the API anchored.
        var afterCut = await ChainAnchors.ReadAsync(chain.RpcUrl, chain.Deployment);
        output.WriteLine($"{client}: cut {s_cut.TotalSeconds:F0} s: {proxy.Dropped} connections dropped; writes {load.DescribeStatuses()} ({acceptedDuringCut} digests accepted, {load.Unanswered} unanswered); " +
            $"probes {string.Join(", ", probes.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}; chain block {before.LatestBlock} -> {afterCut.LatestBlock}, " +
            $"anchors {before.Batches.Count + before.Documents.Count} -> {afterCut.Batches.Count + afterCut.Documents.Count}");

        proxy.Restore();
        await ApiKillTests.WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(90));
        using var ready = await WaitReadyAsync(http);
        var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
        var receiptFailures = await counted.CheckReceiptsAsync(http, load.Accepted.Keys);
        var lost = load.Accepted.Keys.Count(d => counted.TimesAnchored(d) == 0);
        var doubled = load.Sent.Keys.Count(d => counted.TimesAnchored(d) > 1);
        output.WriteLine($"after the cut: ready {(int)ready.StatusCode}; {counted.Chain.Batches.Count} BatchAnchored + {counted.Chain.Documents.Count} DocumentAnchored events; " +
            $"lost {lost}, doubled {doubled}, receipt failures {receiptFailures.Count}; {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(acceptedDuringCut > 500, $"only {acceptedDuringCut} digests were accepted while the chain was cut");
        Assert.Equal((before.Batches.Count, before.Documents.Count), (afterCut.Batches.Count, afterCut.Documents.Count));
        Assert.DoesNotContain(load.Statuses.Keys, s => s >= 500);
        Assert.Equal(0, load.Unanswered);
        Assert.DoesNotContain(probes.Keys, p => p.EndsWith(" 500", StringComparison.Ordinal));
        Assert.True(probes.GetValueOrDefault("ready 503") > 0 && probes.GetValueOrDefault("ready 200") == 0, "readiness must say not ready during the whole cut");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
        Assert.Empty(receiptFailures);
    }

    private static async Task<HttpResponseMessage> WaitReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var ready = await http.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return ready;
            }

            ready.Dispose();
            await Task.Delay(200);
        }
    }

    /// <summary>Asks for readiness, a verification and a document status once a second; counts "what status".</summary>
    private static async Task ProbeAsync(HttpClient http, ConcurrentDictionary<string, int> probes, CancellationToken stop)
    {
        var digest = Digests.New();
        while (!stop.IsCancellationRequested)
        {
            foreach (var (name, url) in new[] { ("ready", "/health/ready"), ("verify", $"/api/v1/verify/{digest}"), ("status", $"/api/v1/documents/{digest}") })
            {
                using var response = await http.GetAsync(url, CancellationToken.None);
                probes.AddOrUpdate($"{name} {(int)response.StatusCode}", 1, (_, n) => n + 1);
            }

            try
            {
                await Task.Delay(1_000, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
