using System.Diagnostics;
using EthGov.Faults.Tests.TestSupport;
using EthGov.Testing;
using static EthGov.Faults.Tests.TestSupport.ReplicaRun;

namespace EthGov.Faults.Tests.Faults;

/// <summary>
/// Two replicas of one node under load while their PostgreSQL server is stopped and started again: once shut down fast (every
/// session ended, a clean checkpoint) and once immediately (as a crash: recovery replays the WAL). While it is down, every
/// request is answered at once with 503, a problem type and Retry-After; nothing answered 202 is lost or anchored twice;
/// once it is back, a replica holds the lease again and every accepted document is confirmed.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    // Each request gets an answer well within this, down or not: a hang is counted as unanswered.
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(20);

    // Each step's deadline only catches what never comes: the rest of a full test run shares the two cores and has
    // stretched a takeover from 5 s to over a minute (the benchmark measures its time).
    private static readonly TimeSpan s_stepDeadline = TimeSpan.FromSeconds(180);

    private static readonly string[] s_stops = ["fast", "immediate"];

    [Fact]
    public async Task StopPostgres_UnderLoad_RefusedCleanlyWhileDownAndEverythingAcceptedConfirmedAfter()
    {
        var clock = Stopwatch.StartNew();
        await using var chain = await DeployedChain.StartAsync(ChainClient.Hardhat);
        using var server = PostgresServer.StartPrivate();
        var store = server.CreateDatabase();
        var outbox = new PostgresOutbox(store.ConnectionString!);
        var settings = new[] { Replica(chain, store), Replica(chain, store) };
        var loads = new[]
        {
            new AnchorLoad(await settings[0].CreateKeyAsync("CIVIL"), workers: 2, timeout: s_requestTimeout),
            new AnchorLoad(await settings[1].CreateKeyAsync("CIVIL"), workers: 2, timeout: s_requestTimeout),
        };
        var replicas = new[] { await ApiProcess.StartAsync(settings[0]), await ApiProcess.StartAsync(settings[1]) };
        await using var stopReplicas = StopAtEnd(replicas);
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(loads.Select((load, i) => Task.Run(() => KeepLoadingAsync(load, settings[i].BaseUrl, stop.Token))));
        var downRefusals = new List<string>();
        try
        {
            foreach (var mode in s_stops)
            {
                await WaitForLeaderAsync(outbox, replicas);
                var acceptedBefore = loads.Sum(l => l.Accepted.Count);
                await WaitUntilAsync(() => loads.Sum(l => l.Accepted.Count) >= acceptedBefore + 200, s_stepDeadline, "200 more accepted documents");
                var before = outbox.Lease();

                var refusedBefore = loads.Sum(l => l.Refusals.Values.Sum());
                server.Stop(mode);
                var down = Stopwatch.StartNew();
                await WaitUntilAsync(() => loads.Sum(l => l.Refusals.Values.Sum()) >= refusedBefore + 50, s_stepDeadline, "50 refusals while the database is down");
                await Task.Delay(TimeSpan.FromSeconds(3));
                var acceptedWhileDown = loads.Sum(l => l.Accepted.Count);
                downRefusals.AddRange(loads.SelectMany(l => l.Refusals.Keys));
                server.Restart();
                output.WriteLine($"stopped ({mode}) for {down.Elapsed.TotalSeconds:F1} s; refusals {string.Join("; ", loads.Select(l => string.Join(", ", l.Refusals.Select(r => $"{r.Key}: {r.Value}"))))}");

                await WaitUntilAsync(() => loads.Sum(l => l.Accepted.Count) >= acceptedWhileDown + 200, s_stepDeadline, "200 more accepted documents after the restart");
                var leader = await WaitForLeaderAsync(outbox, replicas);
                var formerBatches = outbox.LastBatch();
                await WaitUntilAsync(() => outbox.LastConfirmedBatch() > formerBatches, s_stepDeadline, "a batch formed after the restart confirmed");
                output.WriteLine($"back after {down.Elapsed.TotalSeconds:F1} s: lease {before} -> {outbox.Lease()} (replica {leader})");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        await SettleAsync(outbox, replicas, output, l => l.Contains("lease", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase));

        Assert.All(replicas, r => Assert.True(r.IsRunning, $"replica {r.Id} exited while the database was down"));
        var tally = await ReplicaTally.ReadAsync(chain, outbox, loads, replicas);

        output.WriteLine($"statuses {string.Join("; ", loads.Select(l => l.DescribeStatuses()))}; unanswered {loads.Sum(l => l.Unanswered)}");
        output.WriteLine(tally.Describe() + $"; {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(tally.Accepted.Count > 1_000, $"the load was too light to mean anything: {tally.Accepted.Count} accepted");
        Assert.NotEmpty(downRefusals);
        Assert.All(loads.SelectMany(l => l.Refusals.Keys), r => Assert.Matches(@"^503 https://ethgov\.dev/problems/outbox-unavailable Retry-After$", r));
        Assert.Equal(0, loads.Sum(l => l.Unanswered));
        tally.AssertNothingLostOrDoubled();
    }
}
