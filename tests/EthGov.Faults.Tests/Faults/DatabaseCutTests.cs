using System.Diagnostics;
using System.Globalization;
using EthGov.Application.Storage;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;
using Npgsql;
using static EthGov.Faults.Tests.TestSupport.ReplicaRun;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// The network between one replica and PostgreSQL cut under load (a TCP forwarder between them resets the open connections
/// and refuses new ones) while that replica holds the lease: it answers 503 with Retry-After at once, the other replica takes
/// the lease and confirms batches, and nothing acknowledged is lost. Once the path is back, the cut replica accepts again,
/// and when it takes the lease back it sends with the chain's next nonce, not the one it knew before the cut.
/// </summary>
public sealed class DatabaseCutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(20);

    // Each step's deadline only catches what never comes: the rest of a full test run shares the two cores and has
    // stretched a takeover from 5 s to over a minute (the benchmark measures its time).
    private static readonly TimeSpan s_stepDeadline = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task CutOneReplicaFromPostgres_UnderLoad_TheOtherTakesOverAndTheCutOneRejoinsWithFreshNonces()
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync(ChainClient.Hardhat);
        var store = PostgresServer.Shared.CreateDatabase();
        var outbox = new PostgresOutbox(store.ConnectionString!);
        var direct = new NpgsqlConnectionStringBuilder(store.ConnectionString!);
        await using var path = TcpProxy.Start(direct.Port);
        var throughPath = new StorageOptions { Provider = store.Provider, ConnectionString = new NpgsqlConnectionStringBuilder(store.ConnectionString!) { Port = path.Url.Port }.ToString() };
        var settings = new[] { Replica(chain, throughPath), Replica(chain, store) };
        var loads = new[]
        {
            new AnchorLoad(await settings[0].CreateKeyAsync("CIVIL"), workers: 2, timeout: s_requestTimeout),
            new AnchorLoad(await settings[1].CreateKeyAsync("CIVIL"), workers: 2, timeout: s_requestTimeout),
        };

        // The replica behind the forwarder starts first, so it holds the lease when the path is cut.
        var replicas = new ApiProcess[2];
        await using var stopReplicas = StopAtEnd(replicas);
        replicas[0] = await ApiProcess.StartAsync(settings[0]);
        await WaitUntilAsync(() => Holder(outbox, replicas[..1]) == 0, s_stepDeadline, "the first replica to hold the lease");
        replicas[1] = await ApiProcess.StartAsync(settings[1]);
        using var stopCut = new CancellationTokenSource();
        using var stopOther = new CancellationTokenSource();
        var loadingCut = Task.Run(() => KeepLoadingAsync(loads[0], settings[0].BaseUrl, stopCut.Token));
        var loadingOther = Task.Run(() => KeepLoadingAsync(loads[1], settings[1].BaseUrl, stopOther.Token));
        try
        {
            await WaitUntilAsync(() => loads.All(l => l.Accepted.Count >= 200), s_stepDeadline, "200 accepted documents at each replica");
            var before = outbox.Lease();
            Assert.Equal(0, Holder(outbox, replicas));

            path.Cut();
            var cut = Stopwatch.StartNew();
            var refusedBefore = loads[0].Refusals.Values.Sum();
            var otherBefore = loads[1].Accepted.Count;
            var acceptedAtCut = loads[0].Accepted.Count;
            await WaitUntilAsync(() => outbox.Lease().Epoch > before.Epoch, s_stepDeadline, "the other replica to take the lease");
            Assert.Equal(1, Holder(outbox, replicas));
            var formerBatches = outbox.LastBatch();
            await WaitUntilAsync(() => outbox.LastConfirmedBatch() > formerBatches, s_stepDeadline, "a batch of the other replica confirmed");
            output.WriteLine($"cut: lease {before} -> {outbox.Lease()} and its batch confirmed after {cut.Elapsed.TotalMilliseconds:F0} ms");
            await WaitUntilAsync(() => loads[0].Refusals.Values.Sum() >= refusedBefore + 50 && loads[1].Accepted.Count >= otherBefore + 200, s_stepDeadline,
                "50 refusals at the cut replica and 200 acceptances at the other");
            var acceptedByCut = loads[0].Accepted.Count;
            output.WriteLine($"cut for {cut.Elapsed.TotalSeconds:F1} s: the cut replica refused {loads[0].Refusals.Values.Sum() - refusedBefore}, accepted {acceptedByCut - acceptedAtCut} (answers to requests in flight at the cut); dropped connections {path.Dropped}");

            path.Restore();
            await WaitUntilAsync(() => loads[0].Accepted.Count >= acceptedByCut + 200, s_stepDeadline, "200 more accepted at the restored replica");

            // The other replica goes away (and gives the lease up): the restored one takes it and must send with the nonce
            // the chain expects now, after the other's transactions, not the next one it knew before the cut.
            await stopOther.CancelAsync();
            await loadingOther;
            var handedOver = outbox.Lease();
            await replicas[1].DisposeAsync();
            await WaitUntilAsync(() => outbox.Lease().Epoch > handedOver.Epoch && Holder(outbox, replicas[..1]) == 0, s_stepDeadline, "the restored replica to take the lease back");
            formerBatches = outbox.LastBatch();
            var acceptedNow = loads[0].Accepted.Count;
            await WaitUntilAsync(() => loads[0].Accepted.Count >= acceptedNow + 100, s_stepDeadline, "100 more accepted at the restored replica");
            await WaitUntilAsync(() => outbox.LastConfirmedBatch() > formerBatches, s_stepDeadline, "a batch of the restored replica confirmed");
            output.WriteLine($"handed back: lease {handedOver} -> {outbox.Lease()}");
        }
        finally
        {
            await stopCut.CancelAsync();
            await stopOther.CancelAsync();
            await Task.WhenAll(loadingCut, loadingOther);
            output.WriteLine($"statuses {string.Join("; ", loads.Select(l => l.DescribeStatuses()))}; refusals {string.Join("; ", loads.SelectMany(l => l.Refusals).Select(r => $"{r.Key}: {r.Value}"))}; unanswered {loads.Sum(l => l.Unanswered)}");
            foreach (var line in replicas[0].Output.Where(l => !l.StartsWith("info", StringComparison.Ordinal)).TakeLast(80))
            {
                output.WriteLine(line);
            }
        }

        await SettleAsync(outbox, replicas, output, l => l.Contains("lease", StringComparison.Ordinal) || l.Contains("nonce", StringComparison.OrdinalIgnoreCase));

        var nonceErrors = replicas.SelectMany(r => r.Output).Where(l => l.Contains("nonce too low", StringComparison.OrdinalIgnoreCase) || l.Contains("nonce too high", StringComparison.OrdinalIgnoreCase)).ToList();
        var tally = await ReplicaTally.ReadAsync(chain, outbox, loads, replicas[..1]);
        output.WriteLine(tally.Describe() + $", nonce errors {nonceErrors.Count}; {clock.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s");

        Assert.True(path.Dropped > 0, "no connection was refused while the path was cut");
        Assert.NotEmpty(loads[0].Refusals);
        Assert.All(loads.SelectMany(l => l.Refusals.Keys), r => Assert.Matches(@"^503 https://ethgov\.dev/problems/outbox-unavailable Retry-After$", r));
        Assert.Equal(0, loads.Sum(l => l.Unanswered));
        Assert.Empty(nonceErrors);
        tally.AssertNothingLostOrDoubled();
    }
}
