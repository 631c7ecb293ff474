using System.Text.Json;
using EthGov.Application.ApiKeys;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.LoadTest.Api;

namespace EthGov.LoadTest.Nodes;

/// <summary>
/// The department nodes, each a real API process started by scripts/bench.sh on one Hardhat node with its own signer,
/// node key, data directory and API key: verification on the first node of its own department's batch members against
/// the second department's (whose proofs its node gives), first time and repeated, then anchoring by the first node
/// alone against every node at once. Each comparison runs side by side in the same run (<see cref="SideBySide"/>).
/// </summary>
internal static class NodesRun
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Arguments args)
    {
        bool quick = args.Flag("--quick");
        var plan = quick ? NodesRunPlan.Quick : NodesRunPlan.Full;
        var rpc = new Uri(args.Required("--rpc"));
        if (!rpc.IsLoopback)
        {
            throw new ArgumentException("the benchmarks send traffic to loopback only");
        }

        var nodes = await BenchNode.ReadAllAsync(args.Required("--nodes"));
        if (nodes.Count < 2)
        {
            throw new ArgumentException("--nodes lists fewer than two nodes");
        }

        var deployment = await DeploymentFile.LoadAsync(args.Required("--deployment"));
        var work = args.Required("--work");
        Directory.CreateDirectory(work);
        string wrkPath = args.Value("--wrk") ?? "wrk";
        string scripts = Path.GetFullPath(args.Required("--scripts"));
        var tally = new ChainTally(new ChainOptions { RpcUrl = rpc, ChainId = deployment.ChainId }, deployment.Registry);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(quick ? 4 : 20));
        string run = ApiRun.RandomTag();

        var verifier = nodes[0];
        var verification = await new CrossNodeVerification(plan, new WrkRunner(wrkPath, scripts, verifier.Url), tally, work)
            .RunAsync(verifier, nodes[1], run, limit.Token);

        var anchoring = new ClusterAnchoring(wrkPath, scripts, tally);
        var single = await anchoring.RunAsync("one digest per request", 1, plan.AnchorSingleConnections, plan.AnchorSeconds, plan.Rounds, nodes, run[..3] + "a", limit.Token);
        var batch = await anchoring.RunAsync($"{plan.AnchorBatchDigests:N0} digests per request", plan.AnchorBatchDigests, plan.AnchorBatchConnections, plan.AnchorSeconds, plan.Rounds, nodes, run[..3] + "b", limit.Token);

        var results = new NodesResults(quick, plan, [.. nodes.Select(n => $"{n.Code} {n.Url}")], verification, [single, batch]);
        await File.WriteAllTextAsync(args.Required("--out"), JsonSerializer.Serialize(results, s_json) + "\n", limit.Token);
        bool ok = verification.FirstLocal.Problems + verification.FirstRemote.Problems + verification.RepeatedLocal.Problems + verification.RepeatedRemote.Problems
            + verification.RepeatedPrimingProblems == 0
            && results.Anchoring.All(a => a.AllConfirmed && a.Non2xx == 0);
        return ok ? 0 : 1;
    }

    /// <summary>A client of <paramref name="node"/>, acting for its department when <paramref name="withKey"/>.</summary>
    public static HttpClient Client(BenchNode node, bool withKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false }) { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(60) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, node.Key);
        }

        return client;
    }
}
