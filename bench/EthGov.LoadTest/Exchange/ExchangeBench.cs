using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Nodes;
using EthGov.LoadTest.Processes;

namespace EthGov.LoadTest.Exchange;

/// <summary>
/// Record exchange between department nodes (issue 17), each a real API process started by scripts/bench.sh on a Hardhat
/// node of its own: the first node of the nodes file holds the records, the second is the grantee that logs its accesses in
/// batches, the third a grantee that logs each exchange in a transaction of its own (the reference). Exchanges are posted on
/// a grantee at a fixed rate and followed until verified; the gas of the access logs comes from the receipts of the
/// transactions each grantee sent, beside one <c>logAccess</c> sent in the same run; at the end every release in the
/// holder's journal is checked against its confirmed log on chain, and the case fails if one is not.
/// </summary>
internal static class ExchangeBench
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // Warm-up rounds: this rate for this long, until the busiest node's compilation thread takes less than this share.
    private const int WarmRate = 100;
    private const int WarmSeconds = 10;
    private const double WarmCompilationPercent = 2;

    public static async Task<int> RunAsync(Arguments args)
    {
        bool quick = args.Flag("--quick");
        var plan = quick ? ExchangeRunPlan.Quick : ExchangeRunPlan.Full;
        var rpc = new Uri(args.Required("--rpc"));
        if (!rpc.IsLoopback)
        {
            throw new ArgumentException("the benchmarks send traffic to loopback only");
        }

        var nodes = await BenchNode.ReadAllAsync(args.Required("--nodes"));
        if (nodes.Count < 3)
        {
            throw new ArgumentException("--nodes lists fewer than three nodes (holder, grantee, reference grantee)");
        }

        var (holder, grantee, reference) = (nodes[0], nodes[1], nodes[2]);
        var deployment = await DeploymentFile.LoadAsync(args.Required("--deployment"));
        var work = args.Required("--work");
        var options = new ChainOptions { RpcUrl = rpc, ChainId = deployment.ChainId };
        var chain = new RegistryClient(options, deployment.Registry);
        var web3 = ChainConnection.CreateWeb3(options);
        string Database(BenchNode node) => NodeDatabase.Find(Path.Combine(work, node.Code.ToLowerInvariant(), "data"));
        var pids = (args.Value("--pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        // Warm-up rounds, runs, their drains and the final checks: a quick run takes about nine minutes, a full one thirty.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(quick ? 20 : 60));
        ulong startBlock = (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        var clock = Stopwatch.StartNew();
        ApiRun.Log($"exchange: {plan.Records} records of {plan.RecordBytes} bytes on {holder.Code}'s node, a grant of each to {grantee.Code} and to {reference.Code}");
        using var holderClient = NodesRun.Client(holder, withKey: true);
        var records = await ExchangeMaterial.IssueRecordsAsync(holderClient, plan.Records, plan.RecordBytes, limit.Token);
        var grants = await ExchangeMaterial.GrantAsync(holderClient, grantee, records, limit.Token);
        var referenceGrants = await ExchangeMaterial.GrantAsync(holderClient, reference, records, limit.Token);
        double setup = Math.Round(clock.Elapsed.TotalSeconds, 1);
        ApiRun.Log($"  ready after {setup} s");

        var load = new ExchangeLoad(grantee, Database(grantee), grants, pids);
        // Unmeasured: connections, JIT, first reads of every grant on both nodes, and the nodes' background recompilation
        // of their hot code (TieredCompilation), in rounds until it is nearly idle.
        var compilation = new TieredCompilation(pids.Where(p => p.Key != "chain").ToDictionary(p => p.Key, p => p.Value));
        for (int round = 1; round <= plan.WarmRounds; round++)
        {
            var warm = await load.RunAsync("warm-up", WarmRate, WarmSeconds, 0, plan.DrainSeconds, limit.Token);
            var (node, percent) = compilation.Busiest();
            ApiRun.Log($"exchange: warm-up round {round}: {warm.Verified} of {warm.Posted} verified, p99 {warm.ToVerified.P99Ms} ms; "
                + $"tiered compilation {percent}% of a core on {node}{(warm.FirstRefusal ?? warm.FirstPostProblem) switch { null => "", var p => $" (first problem: {p})" }}");
            if (percent < WarmCompilationPercent)
            {
                break;
            }
        }

        // Each rate, then the reference: every run starts once the queue of the one before has drained (or a drain time has
        // passed), so that no run measures another's backlog; a saturated run leaves one. The reference goes last since it
        // always leaves one (a transaction per exchange mines far fewer than it is sent): its backlog, still sending
        // transactions minutes later, would slow every chain read of the batched runs after it.
        long warmBatches = LastBatchId(Database(grantee));
        var runs = new List<ExchangeRun>();
        foreach (var rate in plan.Rates)
        {
            ApiRun.Log($"exchange: {rate}/s on {grantee.Code}'s node for {plan.Seconds} s (load average {ExchangeLoad.LoadAverage()})");
            var run = await load.RunAsync($"batched logs, {rate}/s", rate, plan.Seconds, plan.WindowStart, plan.DrainSeconds, limit.Token);
            runs.Add(run);
            Log(run);
            await SettleAsync(load, grantee, plan, limit.Token);
        }

        ApiRun.Log($"exchange: reference, {plan.ReferenceRate}/s on {reference.Code}'s node (one transaction per exchange) for {plan.ReferenceSeconds} s");
        var referenceLoad = new ExchangeLoad(reference, Database(reference), referenceGrants, pids);
        var referenceRun = await referenceLoad.RunAsync($"one transaction per exchange, {plan.ReferenceRate}/s", plan.ReferenceRate, plan.ReferenceSeconds,
            Math.Min(plan.WindowStart, plan.ReferenceSeconds / 3), plan.DrainSeconds, limit.Token);
        Log(referenceRun);
        await SettleAsync(referenceLoad, reference, plan, limit.Token);

        // The batches of the measured runs: the warm-up's, at a lower rate, are smaller and not part of any run.
        var batchedGas = await GasAsync(web3, Database(grantee), grantee.Code, warmBatches);
        var referenceGas = await GasAsync(web3, Database(reference), reference.Code, 0);
        long logAccessGas = await LogAccessGasAsync(web3, grantee, grants[0], limit.Token);
        ApiRun.Log($"exchange: gas per logged access: {batchedGas.GasPerAccess} in {batchedGas.Transactions} batches of {batchedGas.Entries} entries, "
            + $"{referenceGas.GasPerAccess} in batches of one, {logAccessGas} for one logAccess");

        // The holder's journal against the chain, once every pending log had a block on top of it.
        await Task.Delay(TimeSpan.FromSeconds(2), limit.Token);
        var journal = await JournalAudit.CheckAsync(chain, web3, Database(holder), [Database(grantee), Database(reference)], startBlock);
        ApiRun.Log($"exchange: {journal.Releases} releases in {holder.Code}'s journal, {journal.Confirmed} with a confirmed log on chain, {journal.Failures} without"
            + $"{(journal.FirstFailures.Count > 0 ? $" (first: {journal.FirstFailures[0]})" : "")}; {journal.EntriesLoggedOnChain} entries logged in {journal.Batches} batches");

        var results = new ExchangeResults(quick, plan, holder.Code, grantee.Code, reference.Code,
            "automine plus a block every second (evm_setIntervalMining 1000)", setup, runs, referenceRun, batchedGas, referenceGas, logAccessGas, journal);
        await File.WriteAllTextAsync(args.Required("--out"), JsonSerializer.Serialize(results, s_json) + "\n", limit.Token);
        bool ok = journal.Failures == 0 && journal.Releases > 0 && runs.All(r => r.PostFailures == 0 && r.Refused == 0 && r.Unfinished == 0);
        return ok ? 0 : 1;
    }

    private static async Task SettleAsync(ExchangeLoad load, BenchNode node, ExchangeRunPlan plan, CancellationToken cancellationToken)
    {
        long left = await load.SettleAsync(plan.DrainSeconds, cancellationToken);
        if (left > 0)
        {
            ApiRun.Log($"  {left} exchanges still in flight on {node.Code}'s node {plan.DrainSeconds} s later; the next run starts anyway");
        }
    }

    private static void Log(ExchangeRun run)
        => ApiRun.Log($"  {run.Name}: {run.VerifiedPerSecond} verified/s over {run.WindowSeconds} s; to verified p50 {run.ToVerified.P50Ms} ms, p99 {run.ToVerified.P99Ms} ms, "
            + $"max {run.ToVerified.MaxMs} ms; POST p99 {run.ToAccepted.P99Ms} ms; {run.Verified} of {run.Posted} verified, {run.Refused} refused, {run.Unfinished} unfinished, "
            + $"{run.PostFailures} POST failures{(run.FirstPostProblem ?? run.FirstRefusal) switch { null => "", var p => $" (first: {p})" }}; send lag p99 {run.SendLagP99Ms} ms; "
            + $"load {run.LoadBefore} -> {run.LoadAfter}; CPU ms per exchange: {string.Join(", ", run.Cpu.Select(c => $"{c.Process} {c.CpuMsPerExchange}"))}");

    // The newest access-log batch of a grantee so far (0 when none).
    private static long LastBatchId(string database)
    {
        using var connection = NodeDatabase.OpenReadOnly(database);
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT coalesce(max(id), 0) FROM access_log_batches";
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The grantee's confirmed access-log batches after one id, from its own database, and their transactions' gas from the receipts.
    private static async Task<LogGas> GasAsync(Nethereum.Web3.Web3 web3, string database, string code, long afterBatchId)
    {
        var batches = new List<(string Tx, int Entries)>();
        using (var connection = NodeDatabase.OpenReadOnly(database))
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT tx_hash, entries FROM access_log_batches WHERE state = 1 AND tx_hash IS NOT NULL AND id > @after";
            select.Parameters.AddWithValue("@after", afterBatchId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                batches.Add((reader.GetString(0), DigestSequence.Unpack((byte[])reader[1]).Length));
            }
        }

        long gas = 0;
        foreach (var (tx, _) in batches)
        {
            gas += (long)(await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(tx)).GasUsed.Value;
        }

        long entries = batches.Sum(b => (long)b.Entries);
        return new LogGas(code, batches.Count, entries, gas, entries == 0 ? 0 : Math.Round(gas / (double)entries, 1));
    }

    // One access logged by hand through the grantee's node (POST /api/v1/grants/{id}/accesses: one logAccess transaction).
    private static async Task<long> LogAccessGasAsync(Nethereum.Web3.Web3 web3, BenchNode grantee, string grantId, CancellationToken cancellationToken)
    {
        using var client = NodesRun.Client(grantee, withKey: true);
        using var response = await client.PostAsync($"/api/v1/grants/{grantId}/accesses", null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"logAccess through {grantee.Code}'s node: {(int)response.StatusCode} {text}");
        }

        var tx = JsonDocument.Parse(text).RootElement.GetProperty("transactionHash").GetString()!;
        return (long)(await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(tx)).GasUsed.Value;
    }
}
