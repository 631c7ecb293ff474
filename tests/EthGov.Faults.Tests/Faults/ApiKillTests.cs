using EthGov.Testing;
using System.Diagnostics;
using System.Net.Http.Json;
using EthGov.Faults.Tests.TestSupport;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// Kill -9 of the API process while departments anchor under load, on the Hardhat node and on anvil (whose one-second
/// blocks leave transactions of the killed process in the pool): nothing answered 202 is lost or doubled.
/// </summary>
public sealed class ApiKillTests(ITestOutputHelper output)
{
    private const int Kills = 5;

    // Digests each API life accepts before its kill: five lives give more than the 1,000 the test asks for.
    private const int MinAcceptedPerLife = 250;

    [Theory]
    [InlineData(ChainClient.Hardhat)]
    [InlineData(ChainClient.Anvil)]
    public async Task KillNine_WhileAcceptingUnderLoad_EveryAcceptedDigestAnchoredExactlyOnce(ChainClient client)
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync(client);
        var settings = new ApiSettings(chain.RpcUrl, chain.DeploymentFile).Serving("CIVIL");
        var load = new AnchorLoad(await settings.CreateKeyAsync("CIVIL"));
        var random = new Random(8);
        for (int kill = 1; kill <= Kills; kill++)
        {
            var api = await ApiProcess.StartAsync(settings);
            using var stop = new CancellationTokenSource();
            int acceptedAtStart = load.Accepted.Count;
            var running = load.RunAsync(settings.BaseUrl, stop.Token);
            // Each life accepts a share of the load before a random extra moment, so the kill lands under load however
            // fast the machine is (a fixed 300-1,000 ms left 767 accepted digests in all on a busy machine).
            await WaitUntilAsync(() => load.Accepted.Count - acceptedAtStart >= MinAcceptedPerLife, TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(700)));
            var acceptedBefore = load.Accepted.Count;
            await api.KillAsync();
            output.WriteLine($"{client}: kill -9 #{kill} of pid {api.Id} after {acceptedBefore} accepted digests (sent {load.Sent.Count}, unanswered requests {load.Unanswered})");
            await stop.CancelAsync();
            await running;
            await api.DisposeAsync();
        }

        await using (var last = await ApiProcess.StartAsync(settings))
        {
            await WaitUntilSettledAsync(settings, TimeSpan.FromSeconds(90));
            var counted = await AnchorCount.ReadAsync(chain.RpcUrl, chain.Deployment, settings.DataDirectory);
            using var api = last.Client();
            var receiptFailures = await counted.CheckReceiptsAsync(api, load.Accepted.Keys);

            var lost = load.Accepted.Keys.Where(d => counted.TimesAnchored(d) == 0).ToList();
            var doubled = load.Sent.Keys.Where(d => counted.TimesAnchored(d) > 1).ToList();
            output.WriteLine($"statuses {load.DescribeStatuses()}; unanswered {load.Unanswered}");
            output.WriteLine($"{load.Accepted.Count} digests answered 202/200 of {load.Sent.Count} sent; chain: {counted.Chain.Documents.Count} DocumentAnchored, " +
                $"{counted.Chain.Batches.Count} BatchAnchored events holding {counted.Chain.Batches.Sum(b => b.Count)} documents, up to block {counted.Chain.LatestBlock}");
            output.WriteLine($"lost {lost.Count}, doubled {doubled.Count}, unknown roots {counted.UnknownRoots}, count mismatches {counted.CountMismatches}, " +
                $"receipts checked {load.Accepted.Count} with {receiptFailures.Count} failing; {clock.Elapsed.TotalSeconds:F0} s");

            Assert.True(load.Accepted.Count > 1_000, $"the load was too light to mean anything: {load.Accepted.Count} accepted");
            Assert.True(load.Unanswered >= Kills, $"the kills interrupted only {load.Unanswered} requests: they did not land under load");
            Assert.DoesNotContain(load.Statuses.Keys, s => s >= 500);
            Assert.Empty(lost);
            Assert.Empty(doubled);
            Assert.Equal(0, counted.UnknownRoots);
            Assert.Equal(0, counted.CountMismatches);
            Assert.Empty(receiptFailures);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {timeout}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until every outbox row is in a confirmed batch.</summary>
    internal static async Task WaitUntilSettledAsync(ApiSettings settings, TimeSpan timeout)
    {
        var outbox = new OutboxDatabase(settings.DataDirectory);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var batches = outbox.Batches();
            var batched = batches.Where(b => b.State == 1).Sum(b => (long)b.Members.Length);
            if (batched >= outbox.DocumentRows() && batches.All(b => b.State != 0))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the outbox did not settle: {outbox.DocumentRows()} documents, {batched} in confirmed batches, {batches.Count(b => b.State == 0)} batches pending");
            await Task.Delay(250);
        }
    }
}
