using System.Diagnostics;
using System.Globalization;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;
using static EthGov.Faults.Tests.TestSupport.ReplicaRun;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// Two replicas of one node on one PostgreSQL database under load, each taking its share of the requests: kill -9 of the
/// lease holder, five times. Nothing answered 202 is lost or anchored twice, every receipt holds on chain, and the other
/// replica confirms a batch within seconds of each kill.
/// </summary>
public sealed class ReplicaKillTests(ITestOutputHelper output)
{
    private const int Kills = 5;

    // A takeover, not its speed: from the kill to the next confirmed batch the lease expires (4 s) and the new holder
    // catches up and sends. Its time is the benchmark's (`scripts/bench.sh --storage`: 4.6 to 7.5 s, target 10 s); here
    // the rest of the test run shares the two cores and has moved it from 5 s to over a minute (a full run with the
    // browser and fault suites side by side, load average 25 to 35), so the test waits for each step with a deadline that
    // only catches a takeover that never comes, and prints the times.
    private static readonly TimeSpan s_stepDeadline = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task KillNine_TheLeaseHolderUnderLoad_NothingLostNothingDoubledAndTheOtherTakesOver()
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync(ChainClient.Hardhat);
        var store = PostgresServer.Shared.CreateDatabase();
        var outbox = new PostgresOutbox(store.ConnectionString!);
        var settings = new[] { Replica(chain, store), Replica(chain, store) };
        var loads = new[] { new AnchorLoad(await settings[0].CreateKeyAsync("CIVIL"), workers: 2), new AnchorLoad(await settings[1].CreateKeyAsync("CIVIL"), workers: 2) };
        var replicas = new[] { await ApiProcess.StartAsync(settings[0]), await ApiProcess.StartAsync(settings[1]) };
        await using var stopReplicas = StopAtEnd(replicas);
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(loads.Select((load, i) => Task.Run(() => KeepLoadingAsync(load, settings[i].BaseUrl, stop.Token))));
        var failovers = new List<TimeSpan>();
        try
        {
            for (int kill = 1; kill <= Kills; kill++)
            {
                var leader = await WaitForLeaderAsync(outbox, replicas);
                var acceptedBefore = loads.Sum(l => l.Accepted.Count);
                await WaitUntilAsync(() => loads.Sum(l => l.Accepted.Count) >= acceptedBefore + 200, s_stepDeadline, "200 more accepted documents");
                var before = outbox.Lease();
                var killedAt = Stopwatch.StartNew();
                await replicas[leader].KillAsync();

                // A batch the new holder formed, confirmed: commits the killed process had sent may still land meanwhile.
                await WaitUntilAsync(() => outbox.Lease().Epoch > before.Epoch, s_stepDeadline, "another replica to take the lease");
                var formerBatches = outbox.LastBatch();
                await WaitUntilAsync(() => outbox.LastConfirmedBatch() > formerBatches, s_stepDeadline, "a batch of the new holder confirmed");
                failovers.Add(killedAt.Elapsed);
                output.WriteLine($"kill -9 #{kill} of replica {leader} (pid {replicas[leader].Id}, lease {before}): next batch confirmed after {killedAt.Elapsed.TotalMilliseconds:F0} ms; lease {outbox.Lease()}");
                await replicas[leader].DisposeAsync();
                replicas[leader] = await ApiProcess.StartAsync(settings[leader]);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        await SettleAsync(outbox, replicas, output, l => l.Contains("lease", StringComparison.Ordinal) || l.Contains("batch", StringComparison.Ordinal));

        var tally = await ReplicaTally.ReadAsync(chain, outbox, loads, replicas);

        output.WriteLine($"statuses {string.Join("; ", loads.Select(l => l.DescribeStatuses()))}; unanswered {loads.Sum(l => l.Unanswered)}");
        output.WriteLine(tally.Describe() + $"; " +
            $"failovers {string.Join(", ", failovers.Select(f => f.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)))} s; {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(tally.Accepted.Count > 1_000, $"the load was too light to mean anything: {tally.Accepted.Count} accepted");
        Assert.DoesNotContain(loads.SelectMany(l => l.Statuses.Keys), s => s >= 500);
        tally.AssertNothingLostOrDoubled();
        Assert.Equal(Kills, failovers.Count);
    }
}
