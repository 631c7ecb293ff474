using System.Diagnostics;
using System.Globalization;
using EthGov.LoadTest.Api;

namespace EthGov.LoadTest.Nodes;

/// <summary>
/// Anchoring by one department's node alone against every department's node at once, each under its own wrk with the
/// same connections (bench/wrk/anchor.lua or anchor-batch.lua, every request new digests with that node's API key), side
/// by side in one run. A run counts the documents the nodes accepted (2xx answers) over wrk's seconds, and waits until
/// the registry's own events count them all on the one chain the nodes share.
/// </summary>
internal sealed class ClusterAnchoring(string wrkPath, string scripts, ChainTally tally)
{
    private const string Alone = "one node alone";
    private const string Together = "every node at once";
    private const int WrkThreads = 2;
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(1);

    /// <summary>Runs one way of anchoring (<paramref name="digestsPerRequest"/> 1: anchor.lua, else anchor-batch.lua).</summary>
    public async Task<ClusterAnchoringResult> RunAsync(
        string name, int digestsPerRequest, int connections, int seconds, int rounds, IReadOnlyList<BenchNode> nodes, string tag, CancellationToken cancellationToken)
    {
        var runs = new List<ClusterAnchoringRun>();
        int run = 0;
        foreach (var (round, side) in SideBySide.Order(rounds, Alone, Together))
        {
            var loaded = side == Alone ? nodes.Take(1).ToList() : nodes.ToList();
            ApiRun.Log($"nodes: anchoring, {name}, {side} ({string.Join(", ", loaded.Select(n => n.Code))}), round {round}: {connections} connections per node, {seconds} s");
            runs.Add(await OneRunAsync(side, round, loaded, nodes, digestsPerRequest, connections, seconds, $"{tag}{run++:x2}", cancellationToken));
        }

        double Mean(string side) => Math.Round(runs.Where(r => r.Side == side).Average(r => r.DocumentsPerSecond), 1);
        return new ClusterAnchoringResult(
            name,
            digestsPerRequest,
            connections,
            nodes[0].Code,
            [.. nodes.Select(n => n.Code)],
            runs,
            Mean(Alone),
            Mean(Together),
            runs.All(r => r.AllConfirmed),
            runs.Sum(r => r.Nodes.Sum(n => n.Non2xx)));
    }

    private async Task<ClusterAnchoringRun> OneRunAsync(
        string side, int round, IReadOnlyList<BenchNode> loaded, IReadOnlyList<BenchNode> all, int digestsPerRequest, int connections, int seconds, string tag,
        CancellationToken cancellationToken)
    {
        // Every node quiet first (no batch waiting for the chain, events indexed): the previous run's tail is not measured.
        foreach (var node in all)
        {
            using var client = NodesRun.Client(node, withKey: false);
            var quiet = await ApiRun.WaitUntilQuietAsync(client, tally, TimeSpan.FromSeconds(60), s_settle, cancellationToken);
            if (quiet.StartsWith("NOT", StringComparison.Ordinal))
            {
                ApiRun.Log($"  {node.Code}: {quiet}");
            }
        }

        ulong startBlock = await tally.BlockNumberAsync();
        var clock = Stopwatch.StartNew();
        var loads = loaded.Select((node, i) =>
        {
            var environment = new Dictionary<string, string>
            {
                ["KEY"] = node.Key,
                // 8 hex digits: the scenario's 6, then the node's position.
                ["TAG"] = tag + i.ToString("x2", CultureInfo.InvariantCulture),
                ["SIZE"] = digestsPerRequest.ToString(CultureInfo.InvariantCulture),
            };
            return new WrkRunner(wrkPath, scripts, node.Url).RunAsync(
                digestsPerRequest == 1 ? "anchor.lua" : "anchor-batch.lua", WrkThreads, connections, TimeSpan.FromSeconds(seconds), environment, "/", cancellationToken);
        }).ToList();
        var results = await Task.WhenAll(loads);
        var loadEnd = clock.Elapsed;

        var shares = loaded.Zip(results, (node, r) => new NodeAnchoring(
            node.Code,
            r.Requests,
            r.StatusErrors,
            r.SocketErrors,
            r.Succeeded * digestsPerRequest,
            Math.Round(r.Succeeded * digestsPerRequest / (r.DurationUs / 1e6), 1),
            ApiRun.WrkLatencies(r))).ToList();
        long accepted = shares.Sum(s => s.AcceptedDocuments);

        long onChain = 0;
        var confirmedAt = TimeSpan.Zero;
        while (clock.Elapsed - loadEnd < TimeSpan.FromSeconds(60))
        {
            onChain = (await tally.CountAsync(startBlock)).Documents;
            if (onChain >= accepted)
            {
                confirmedAt = clock.Elapsed;
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var result = new ClusterAnchoringRun(
            side,
            round,
            Math.Round(results.Max(r => r.DurationUs) / 1e6, 3),
            shares,
            accepted,
            Math.Round(shares.Sum(s => s.DocumentsPerSecond), 1),
            onChain,
            confirmedAt > TimeSpan.Zero,
            confirmedAt > TimeSpan.Zero ? Math.Round((confirmedAt - loadEnd).TotalSeconds, 3) : 0);
        ApiRun.Log($"  {result.DocumentsPerSecond} documents/s accepted ({string.Join(", ", shares.Select(s => $"{s.Code} {s.DocumentsPerSecond}, p99 {s.ToAccepted.P99Ms} ms, {s.Non2xx} not 2xx"))}); "
            + $"{onChain} on chain, {(result.AllConfirmed ? $"all confirmed {result.DrainSeconds} s after the load" : "NOT all confirmed")}");
        return result;
    }
}
