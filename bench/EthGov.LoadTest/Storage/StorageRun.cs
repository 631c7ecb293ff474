using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EthGov.Chain.Bindings;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Processes;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.LoadTest.Storage;

/// <summary>
/// The storage case (issue 20), side by side in one run on one Hardhat node and one private PostgreSQL cluster that
/// scripts/bench.sh starts: the reference endpoint (<see cref="ReferenceServer"/>), bare and behind ASP.NET Core's pipeline
/// (<see cref="ReferencePipeline"/>), against CIVIL's node on SQLite, all loaded by wrk with bench/wrk/anchor.lua on the same
/// connections (the references measured before and after the node, the ratios taken to their means); the same node on
/// PostgreSQL, one digest per request, and in requests of 1,000 in rounds that alternate with the node on SQLite; a second
/// replica on the same database, the load spread over both by one wrk each with half the connections; kill -9 of the
/// replica holding the lease while both are loaded; the replica that survived alone again; the killed one started again
/// for a second round of two replicas; and the survivor alone once more. Absolute rates drift with the neighbours' load
/// over minutes, so each comparison of requests of 1,000 takes the mean of runs interleaved with the other side's.
/// Between the scenarios on PostgreSQL the database is vacuumed
/// (<see cref="ScenarioMaintenance"/>). Every scenario is followed until the registry's events count every
/// accepted document, and every node is let settle (no batch waiting, events indexed) before the next scenario is measured.
/// The nodes are started here (<see cref="StorageNode"/>), each with its own data directory.
/// </summary>
internal static class StorageRun
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Arguments args)
    {
        bool quick = args.Flag("--quick");
        var plan = quick ? StorageRunPlan.Quick : StorageRunPlan.Full;
        var rpc = new Uri(args.Required("--rpc"));
        if (!rpc.IsLoopback)
        {
            throw new ArgumentException("the benchmarks send traffic to loopback only");
        }

        var work = Path.GetFullPath(args.Required("--work"));
        Directory.CreateDirectory(work);
        var cli = Path.GetFullPath(args.Required("--cli"));
        var postgres = args.Required("--postgres");
        int postgresPid = args.Int("--postgres-pid", 0);
        int chainPid = args.Int("--chain-pid", 0);
        var sqliteSetup = new NodeSetup(Path.GetFullPath(args.Required("--api-dll")), Path.GetFullPath(args.Required("--content-root")), rpc,
            Path.GetFullPath(args.Required("--deployment-sqlite")), args.Required("--signer-sqlite"), work);
        var postgresSetup = sqliteSetup with { Deployment = Path.GetFullPath(args.Required("--deployment-postgres")), Signer = args.Required("--signer-postgres") };
        var scripts = Path.GetFullPath(args.Required("--scripts"));
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(quick ? 15 : 40));
        var ct = limit.Token;
        var database = new StorageDatabase(postgres);
        var durability = await database.DurabilityAsync();
        Log($"storage: PostgreSQL {durability["server_version"]}, fsync {durability["fsync"]}, synchronous_commit {durability["synchronous_commit"]}, full_page_writes {durability["full_page_writes"]}");

        var sqliteStore = new Dictionary<string, string> { ["EthGov__Storage__Provider"] = "sqlite" };
        var postgresStore = new Dictionary<string, string> { ["EthGov__Storage__Provider"] = "postgres", ["EthGov__Storage__ConnectionString"] = postgres };

        // The reference and the node on SQLite, side by side: the bare reference, the reference behind ASP.NET Core's
        // pipeline, the node, then both references again in the other order.
        var reference = new List<StorageAnchorResult>();
        var referencePipeline = new List<StorageAnchorResult>();
        StorageAnchorResult sqliteSingle;
        var sqliteKey = await CreateKeyAsync(cli, Path.Combine(work, "sqlite", "data"), sqliteStore, ct);
        await using var sqlite = await StorageNode.StartApiAsync(sqliteSetup, "sqlite", sqliteStore, ct);
        SpreadAnchoring sideBySide;
        await using (var referenceNode = await StorageNode.StartReferenceAsync(work, "reference", key: null, ct))
        await using (var pipelineNode = await StorageNode.StartReferenceAsync(work, "reference-pipeline", sqliteKey, ct))
        {
            sideBySide = (await AnchoringAsync(scripts, rpc, sqliteSetup.Deployment, sqliteKey, postgresPid, chainPid, referenceNode, pipelineNode, sqlite)).Anchoring;
            await WarmUpAsync(sideBySide, [referenceNode], plan.SingleConnections, plan, ct, onChain: false);
            await WarmUpAsync(sideBySide, [pipelineNode], plan.SingleConnections, plan, ct, onChain: false);
            await WarmUpAsync(sideBySide, [sqlite], plan.SingleConnections, plan, ct);
            await sideBySide.QuietAsync([sqlite], ct);
            Log($"storage: reference, one digest per request, {plan.SingleConnections} connections, {plan.SingleSeconds} s");
            reference.Add(await sideBySide.RunAsync("reference", [referenceNode], plan.SingleConnections, 1, plan.SingleSeconds, ct, onChain: false));
            await sideBySide.QuietAsync([sqlite], ct);
            Log($"storage: reference behind ASP.NET Core's pipeline, {plan.SingleSeconds} s");
            referencePipeline.Add(await sideBySide.RunAsync("reference-pipeline", [pipelineNode], plan.SingleConnections, 1, plan.SingleSeconds, ct, onChain: false));
            await sideBySide.QuietAsync([sqlite], ct);
            Log($"storage: node on SQLite, one digest per request, {plan.SingleConnections} connections, {plan.SingleSeconds} s");
            sqliteSingle = await sideBySide.RunAsync("sqlite-single", [sqlite], plan.SingleConnections, 1, plan.SingleSeconds, ct);
            await sideBySide.QuietAsync([sqlite], ct);
            Log($"storage: reference behind ASP.NET Core's pipeline again, {plan.SingleSeconds} s");
            referencePipeline.Add(await sideBySide.RunAsync("reference-pipeline", [pipelineNode], plan.SingleConnections, 1, plan.SingleSeconds, ct, onChain: false));
            await sideBySide.QuietAsync([sqlite], ct);
            Log($"storage: reference again, {plan.SingleSeconds} s");
            reference.Add(await sideBySide.RunAsync("reference", [referenceNode], plan.SingleConnections, 1, plan.SingleSeconds, ct, onChain: false));
            await sideBySide.QuietAsync([sqlite], ct);
        }

        sideBySide.Watched.Remove("reference");
        sideBySide.Watched.Remove("reference-pipeline");

        // The same node on PostgreSQL, one replica: one digest per request, then requests of 1,000 in rounds that alternate
        // with the node on SQLite (which waits, idle, while the other is measured), so that both see the same neighbours.
        var maintenance = new ScenarioMaintenance(database);
        var postgresKey = await CreateKeyAsync(cli, Path.Combine(work, "postgres-a", "data"), postgresStore, ct);
        await using var first = await StorageNode.StartApiAsync(postgresSetup, "postgres-a", postgresStore, ct);
        var onPostgres = await AnchoringAsync(scripts, rpc, postgresSetup.Deployment, postgresKey, postgresPid, chainPid, first);
        var anchoring = onPostgres.Anchoring;
        await WarmUpAsync(anchoring, [first], plan.SingleConnections, plan, ct);
        await anchoring.QuietAsync([first], ct);
        await maintenance.PrepareAsync();
        Log($"storage: node on PostgreSQL, one digest per request, {plan.SingleConnections} connections, {plan.SingleSeconds} s");
        var postgresSingle = await Measured(() => anchoring.RunAsync("postgres-single", [first], plan.SingleConnections, 1, plan.SingleSeconds, ct), first);
        var sqliteBatch = new List<StorageAnchorResult>();
        var postgresBatch = new List<StorageAnchorResult>();
        for (int round = 1; round <= plan.BatchRounds; round++)
        {
            Log($"storage: requests of {plan.BatchDigests}, {plan.BatchConnections} connections, {plan.BatchSeconds} s, round {round} of {plan.BatchRounds}");
            string name = $"batch-{plan.BatchDigests}-{round}";
            Func<Task> sqliteRound = async () =>
            {
                sqliteBatch.Add(await sideBySide.RunAsync($"sqlite-{name}", [sqlite], plan.BatchConnections, plan.BatchDigests, plan.BatchSeconds, ct));
                await sideBySide.QuietAsync([sqlite], ct);
            };
            Func<Task> postgresRound = async ()
                => postgresBatch.Add(await Measured(() => anchoring.RunAsync($"postgres-{name}", [first], plan.BatchConnections, plan.BatchDigests, plan.BatchSeconds, ct), first));
            // Which goes first alternates, so neither always follows the other's settling.
            foreach (var run in round % 2 == 1 ? new[] { sqliteRound, postgresRound } : [postgresRound, sqliteRound])
            {
                await run();
            }
        }

        // Two replicas on the same database, a kill -9 of the lease holder under load, the survivor alone again, then the
        // killed replica started again and two replicas measured again, and the survivor alone once more: one replica is
        // measured before, between and after two, and each ratio is taken between their means.
        await using var second = await StorageNode.StartApiAsync(postgresSetup, "postgres-b", postgresStore, ct);
        anchoring.Watched[second.Name] = () => second.CpuTicks;
        await WarmUpAsync(anchoring, [first, second], plan.SingleConnections / 2, plan, ct);
        await anchoring.QuietAsync([first, second], ct);
        await maintenance.PrepareAsync();
        Log($"storage: two replicas, one digest per request, {plan.SingleConnections / 2} connections each, {plan.SingleSeconds} s");
        var replicasSingle = await Measured(() => anchoring.RunAsync("replicas-single", [first, second], plan.SingleConnections / 2, 1, plan.SingleSeconds, ct), first, second);
        var replicasBatch = new List<StorageAnchorResult> { await ReplicasBatchAsync(1, first, second) };

        Log($"storage: kill -9 of the lease holder {plan.KillAfterSeconds} s into {plan.FailoverSeconds} s of load on both replicas");
        var failover = await maintenance.MeasureAsync(
            () => FailoverAsync(anchoring, database, onPostgres.Chain, postgresSetup.Deployment, [first, second], plan, ct),
            f => f.Load,
            () => anchoring.QuietAsync(new[] { first, second }.Where(n => n.IsRunning), ct));

        var survivor = first.IsRunning ? first : second;
        anchoring.Watched.Remove(survivor == first ? second.Name : first.Name);
        Log($"storage: one replica again ({survivor.Name}, alone since the failover), one digest per request, {plan.SingleConnections} connections, {plan.SingleSeconds} s");
        var singleAgain = await Measured(() => anchoring.RunAsync("postgres-single-again", [survivor], plan.SingleConnections, 1, plan.SingleSeconds, ct), survivor);
        var batchAgain = new List<StorageAnchorResult> { await OneReplicaBatchAsync(1) };
        await using (var restarted = await StorageNode.StartApiAsync(postgresSetup, $"{failover.KilledReplica}-restarted", postgresStore, ct))
        {
            anchoring.Watched[restarted.Name] = () => restarted.CpuTicks;
            await WarmUpAsync(anchoring, [survivor, restarted], plan.SingleConnections / 2, plan, ct);
            await anchoring.QuietAsync([survivor, restarted], ct);
            await maintenance.PrepareAsync();
            replicasBatch.Add(await ReplicasBatchAsync(2, survivor, restarted));
        }

        anchoring.Watched.Remove($"{failover.KilledReplica}-restarted");
        batchAgain.Add(await OneReplicaBatchAsync(2));

        // A scenario on PostgreSQL, then its nodes settled and the database vacuumed before the next.
        Task<StorageAnchorResult> Measured(Func<Task<StorageAnchorResult>> scenario, params StorageNode[] nodes)
            => maintenance.MeasureAsync(scenario, r => r, () => anchoring.QuietAsync(nodes, ct));

        Task<StorageAnchorResult> ReplicasBatchAsync(int round, StorageNode one, StorageNode other)
        {
            Log($"storage: two replicas ({one.Name}, {other.Name}), {plan.BatchDigests} digests per request, {plan.BatchConnections / 2} connections each, {plan.BatchSeconds} s, round {round}");
            return Measured(() => anchoring.RunAsync($"replicas-batch-{plan.BatchDigests}-{round}", [one, other], plan.BatchConnections / 2, plan.BatchDigests, plan.BatchSeconds, ct), one, other);
        }

        Task<StorageAnchorResult> OneReplicaBatchAsync(int round)
        {
            Log($"storage: one replica again ({survivor.Name}), {plan.BatchDigests} digests per request, {plan.BatchConnections} connections, {plan.BatchSeconds} s, round {round}");
            return Measured(() => anchoring.RunAsync($"postgres-batch-{plan.BatchDigests}-again-{round}", [survivor], plan.BatchConnections, plan.BatchDigests, plan.BatchSeconds, ct), survivor);
        }

        var results = new StorageResults(quick, plan, durability, reference, referencePipeline, sqliteSingle, sqliteBatch, postgresSingle, postgresBatch, replicasSingle, replicasBatch, failover,
            singleAgain, batchAgain, maintenance.Records);
        await File.WriteAllTextAsync(args.Required("--out"), JsonSerializer.Serialize(results, s_json) + "\n", ct);
        var measured = new[] { sqliteSingle, postgresSingle, replicasSingle, singleAgain }.Concat(sqliteBatch).Concat(postgresBatch).Concat(replicasBatch)
            .Concat(batchAgain).Append(failover.Load).ToList();
        bool ok = measured.All(r => r.AllConfirmed) && measured.SkipLast(1).All(r => r.Non2xx == 0) && failover.Settled && failover.NextBatchOnChain;
        return ok ? 0 : 1;
    }

    // Unmeasured load: connections, first calls (each compiled then, StorageNode), the node's caches.
    private static async Task WarmUpAsync(
        SpreadAnchoring anchoring, StorageNode[] nodes, int connectionsEach, StorageRunPlan plan, CancellationToken ct, bool onChain = true)
    {
        Log($"storage: warming up {string.Join(" + ", nodes.Select(n => n.Name))} ({plan.WarmupSeconds} s, unmeasured)");
        await anchoring.RunAsync("warm-up", nodes, connectionsEach, 1, plan.WarmupSeconds, ct, onChain: onChain);
    }

    private static async Task<(SpreadAnchoring Anchoring, ChainOptions Chain)> AnchoringAsync(
        string scripts, Uri rpc, string deploymentFile, string key, int postgresPid, int chainPid, params StorageNode[] nodes)
    {
        var deployment = await DeploymentFile.LoadAsync(deploymentFile);
        var options = new ChainOptions { RpcUrl = rpc, ChainId = deployment.ChainId };
        var anchoring = new SpreadAnchoring(new WrkRunner("wrk", scripts, rpc), new ChainTally(options, deployment.Registry), key);
        foreach (var node in nodes)
        {
            anchoring.Watched[node.Name] = () => node.CpuTicks;
        }

        if (postgresPid > 0)
        {
            anchoring.Watched["postgres"] = () => ProcStat.TreeCpuTicks(postgresPid);
        }

        if (chainPid > 0)
        {
            anchoring.Watched["chain"] = () => ProcStat.CpuTicks(chainPid);
        }

        return (anchoring, options);
    }

    private static async Task<FailoverResult> FailoverAsync(
        SpreadAnchoring anchoring, StorageDatabase database, ChainOptions chain, string deploymentFile, StorageNode[] replicas, StorageRunPlan plan, CancellationToken ct)
    {
        var registry = (await DeploymentFile.LoadAsync(deploymentFile, ct)).Registry;
        var web3 = ChainConnection.CreateWeb3(chain);
        StorageNode? killed = null;
        (string Holder, long Epoch) before = ("", 0), after = ("", 0);
        double killedAt = 0, leaseTaken = 0, nextConfirmed = 0;
        long nextBatch = 0;
        bool onChain = false;
        var clock = Stopwatch.StartNew();
        var load = await anchoring.RunAsync("failover", replicas, plan.SingleConnections / 2, 1, plan.FailoverSeconds, ct, async (wrkPids, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(plan.KillAfterSeconds), token);
            int pid = await database.HolderPidAsync() ?? throw new InvalidOperationException("no replica holds the lease under load");
            killed = replicas.Single(r => r.Pid == pid);
            before = await database.LeaseAsync();
            long lastBatch = await database.LastBatchAsync();
            ulong killBlock = (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
            var kill = Stopwatch.StartNew();
            killedAt = clock.Elapsed.TotalSeconds;
            await killed.KillAsync();
            // Its clients go to the other replica, as behind a load balancer: the load on the dead one stops, with its results.
            StorageNode.Signal("INT", wrkPids[killed]);
            while (kill.Elapsed < TimeSpan.FromSeconds(60) && (leaseTaken == 0 || nextConfirmed == 0))
            {
                if (leaseTaken == 0 && (await database.LeaseAsync()).Epoch > before.Epoch)
                {
                    leaseTaken = kill.Elapsed.TotalSeconds;
                }

                // A batch formed after the kill can only be the new holder's: the killed process writes nothing any more.
                if (nextConfirmed == 0 && await database.ConfirmedAfterAsync(lastBatch) is { } batch)
                {
                    nextConfirmed = kill.Elapsed.TotalSeconds;
                    nextBatch = batch.Id;
                    var events = web3.Eth.GetEvent<BatchAnchoredEvent>(registry);
                    var logs = await events.GetAllChangesAsync(events.CreateFilterInput(new BlockParameter(new HexBigInteger(killBlock)), BlockParameter.CreateLatest()));
                    onChain = logs.Any(l => l.Event.Root.AsSpan().SequenceEqual(batch.Root));
                }

                await Task.Delay(50, token);
            }

            after = await database.LeaseAsync();
            Log($"  killed {killed.Name} (pid {pid}, lease epoch {before.Epoch}) {killedAt:0.0} s into the load: lease taken after {leaseTaken:0.00} s (epoch {after.Epoch}), "
                + $"batch {nextBatch} confirmed after {nextConfirmed:0.00} s, its root {(onChain ? "in" : "NOT in")} the registry's events after the kill");
        });

        var settled = (Settled: false, Rows: 0L, Confirmed: 0L);
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            settled = await database.SettledAsync();
            if (settled.Settled)
            {
                break;
            }

            await Task.Delay(250, ct);
        }

        Log($"  outbox: {settled.Rows} rows, {settled.Confirmed} in confirmed batches; {(settled.Settled ? "settled" : "NOT settled")}");
        return new FailoverResult(
            killed?.Name ?? "", killed?.Pid ?? 0, before.Epoch, after.Epoch, Math.Round(killedAt, 2), Math.Round(leaseTaken, 3), Math.Round(nextConfirmed, 3), nextBatch,
            onChain, settled.Settled, settled.Rows, settled.Confirmed, load);
    }

    /// <summary>An API key of CIVIL with the anchor scope, created with the ethgov CLI in the node's store before it starts.</summary>
    private static async Task<string> CreateKeyAsync(string cli, string dataDirectory, IReadOnlyDictionary<string, string> store, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "apikey", "create", "--department", "CIVIL", "--scope", "anchor", "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in store)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the ethgov CLI");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (await output).Split('\n').FirstOrDefault(l => l.StartsWith("egk_", StringComparison.Ordinal))?.Trim()
            ?? throw new InvalidOperationException($"ethgov apikey create gave no key: {await error}");
    }

    private static void Log(string message) => ApiRun.Log(message);
}
