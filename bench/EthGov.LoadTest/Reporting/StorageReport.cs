using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EthGov.LoadTest.Reporting;

/// <summary>
/// The storage case's part of docs/benchmarks.* (issue 20's performance targets): EthGov's intake on SQLite against the
/// reference endpoint with the same group commit, the node on PostgreSQL against the same node on SQLite, two replicas
/// against one, and the failover after kill -9 of the lease holder; every target a ratio of two numbers of the same run.
/// </summary>
internal static class StorageReport
{
    private const double ReferenceTarget = 0.70;
    private const double PostgresTarget = 0.60;
    private const double ReplicasTarget = 0.70;
    private const double P99TargetMs = 3000;
    private const double FailoverTargetSeconds = 10;

    // The scenarios on a node, in the order of the run.
    private static readonly string[] s_onChain = ["sqliteSingle", "sqliteBatch", "postgresSingle", "postgresBatch", "replicasSingle", "replicasBatch"];

    // Cores per machine in the estimate for two replicas on two machines: this machine's kind.
    private const int CoresPerMachine = 2;

    /// <summary>Whether each target is met, and the estimate for two machines, added to the JSON as <c>comparison</c>.</summary>
    public static JsonObject Comparison(JsonNode storage)
    {
        double reference = MeanRate(storage["reference"]!.AsArray());
        // The reference behind ASP.NET Core's pipeline (runs from before it was measured have none).
        double pipeline = MeanRate(storage["referencePipeline"]?.AsArray() ?? []);
        var (sqliteSingle, postgresSingle, replicasSingle) = (storage["sqliteSingle"]!, storage["postgresSingle"]!, storage["replicasSingle"]!);
        var (sqliteBatch, postgresBatch, replicasBatch) = (Runs(storage, "sqliteBatch"), Runs(storage, "postgresBatch"), Runs(storage, "replicasBatch"));
        var failover = storage["failover"]!;
        var onChain = s_onChain.SelectMany(k => Runs(storage, k)).Concat(AgainRuns(storage)).ToArray();
        bool allConfirmed = onChain.All(Confirmed);
        double referenceRatio = Ratio(Rate(sqliteSingle), reference);
        double postgresSingleRatio = Ratio(Rate(postgresSingle), Rate(sqliteSingle));
        // Requests of 1,000: the means of the rounds, which alternate between the two stores (one round each in older runs).
        double postgresBatchRatio = Ratio(MeanRate(postgresBatch), MeanRate(sqliteBatch));
        // One replica measured before the two and again after them (runs from before that part of the case have only the first).
        double oneSingle = MeanRate(new[] { postgresSingle, storage["postgresSingleAgain"] });
        double oneBatch = MeanRate(postgresBatch.Concat(Runs(storage, "postgresBatchAgain")));
        double replicasSingleRatio = Ratio(Rate(replicasSingle), oneSingle);
        double replicasBatchRatio = Ratio(MeanRate(replicasBatch), oneBatch);
        double replicasP99 = replicasBatch.Append(replicasSingle).Max(P99);

        // CPU per document of the two replicas together and of the PostgreSQL server, one digest per request: with a
        // machine of its own per replica (and the database, the chain and the load elsewhere) the replicas' cores are the
        // limit, or the database's if one machine of the same kind serves it.
        double replicaUs = replicasSingle["cpuMicrosecondsPerDocument"]!.GetValue<double>();
        double accepted = replicasSingle["acceptedDocuments"]!.GetValue<double>();
        double postgresUs = accepted == 0 ? 0 : Cpu(replicasSingle, "postgres") * 1e6 / accepted;
        double replicasLimit = replicaUs == 0 ? 0 : 2 * CoresPerMachine * 1e6 / replicaUs;
        double postgresLimit = postgresUs == 0 ? 0 : CoresPerMachine * 1e6 / postgresUs;
        double failoverSeconds = failover["nextConfirmedBatchSeconds"]!.GetValue<double>();
        bool failoverConfirmed = Confirmed(failover["load"]!) && failover["settled"]!.GetValue<bool>() && failover["nextBatchOnChain"]!.GetValue<bool>();
        return new JsonObject
        {
            ["referenceDocumentsPerSecond"] = Math.Round(reference, 1),
            ["referenceRatio"] = referenceRatio,
            ["referenceTargetMet"] = referenceRatio >= ReferenceTarget,
            ["referencePipelineDocumentsPerSecond"] = Math.Round(pipeline, 1),
            ["pipelineToReferenceRatio"] = Ratio(pipeline, reference),
            ["nodeToPipelineRatio"] = Ratio(Rate(sqliteSingle), pipeline),
            ["postgresSingleRatio"] = postgresSingleRatio,
            ["sqliteBatchDocumentsPerSecond"] = Math.Round(MeanRate(sqliteBatch), 1),
            ["postgresBatchDocumentsPerSecond"] = Math.Round(MeanRate(postgresBatch), 1),
            ["postgresBatchRatio"] = postgresBatchRatio,
            ["postgresTargetMet"] = postgresSingleRatio >= PostgresTarget && postgresBatchRatio >= PostgresTarget && allConfirmed,
            ["oneReplicaSingleDocumentsPerSecond"] = Math.Round(oneSingle, 1),
            ["oneReplicaBatchDocumentsPerSecond"] = Math.Round(oneBatch, 1),
            ["replicasBatchDocumentsPerSecond"] = Math.Round(MeanRate(replicasBatch), 1),
            ["replicasSingleRatio"] = replicasSingleRatio,
            ["replicasBatchRatio"] = replicasBatchRatio,
            ["replicasTargetMet"] = replicasSingleRatio >= ReplicasTarget && replicasBatchRatio >= ReplicasTarget && allConfirmed,
            ["replicasToConfirmedP99Ms"] = replicasP99,
            ["replicasP99TargetMet"] = replicasP99 > 0 && replicasP99 <= P99TargetMs,
            ["allConfirmed"] = allConfirmed,
            ["replicaCpuMicrosecondsPerDocument"] = replicaUs,
            ["postgresCpuMicrosecondsPerDocument"] = Math.Round(postgresUs, 1),
            ["twoMachinesReplicasLimit"] = Math.Round(replicasLimit),
            ["twoMachinesPostgresLimit"] = Math.Round(postgresLimit),
            ["twoMachinesEstimate"] = Math.Round(Math.Min(replicasLimit, postgresLimit)),
            ["failoverSeconds"] = failoverSeconds,
            ["failoverTargetMet"] = failoverSeconds > 0 && failoverSeconds <= FailoverTargetSeconds && failoverConfirmed,
            ["failoverAllConfirmed"] = failoverConfirmed,
        };
    }

    public static void RenderTargets(StringBuilder md, JsonNode storage)
    {
        var c = storage["comparison"]!;
        var failover = storage["failover"]!;
        md.AppendLine("## Targets (issue 20: PostgreSQL, replicas of a node)");
        md.AppendLine();
        md.AppendLine("Every target is a ratio of two numbers measured side by side in the same run (details [below](#storage)), since the");
        md.AppendLine($"neighbours' load moves absolute rates by 2x. PostgreSQL runs with fsync {Setting(storage, "fsync")} and synchronous_commit {Setting(storage, "synchronous_commit")} (its defaults, as a production node runs it).");
        md.AppendLine($"Load average (1, 5, 15 min) before the first measured scenario: {storage["reference"]![0]!["loadBefore"]}; after the last: {failover["load"]!["loadAfter"]}, on {CoresPerMachine} cores.");
        md.AppendLine();
        if (storage["machine"] is { } own)
        {
            md.AppendLine($"This case comes from a later run of its own (`{own["command"]}`{(storage["quick"]?.GetValue<bool>() == true ? ", quick" : "")}): commit {own["commit"]}, {own["date"]}; the other cases are from the run the machine table names.");
            md.AppendLine();
        }

        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| EthGov's intake on SQLite >= 70% of the reference (same group commit, no chain), one digest per request | {Percent(c["referenceRatio"])}: {Num(storage["sqliteSingle"]!["documentsPerSecond"])} against {Num(c["referenceDocumentsPerSecond"])} documents/s | {YesNo(c["referenceTargetMet"])} |");
        if (c["referencePipelineDocumentsPerSecond"] is { } pipeline && pipeline.GetValue<double>() > 0)
        {
            md.AppendLine($"| (no target; what the gap is made of) the reference behind ASP.NET Core's API-key authentication, rate limiter, authorization and a JSON answer, against the bare reference | {Percent(c["pipelineToReferenceRatio"])}: {Num(pipeline)} documents/s; EthGov's intake is {Percent(c["nodeToPipelineRatio"])} of it | - |");
        }

        md.AppendLine($"| one node on PostgreSQL >= 60% of the same node on SQLite, every accepted document confirmed | {Percent(c["postgresSingleRatio"])} one digest per request, {Percent(c["postgresBatchRatio"])} in requests of 1,000{BatchRounds(storage, "postgresBatch", c["postgresBatchDocumentsPerSecond"], c["sqliteBatchDocumentsPerSecond"], Runs(storage, "sqliteBatch").Count())} | {YesNo(c["postgresTargetMet"])} |");
        md.AppendLine($"| two replicas on PostgreSQL >= 70% of one replica{(AgainRuns(storage).Any() ? " (the mean of one replica's runs around them)" : "")} | {Percent(c["replicasSingleRatio"])} one digest per request{Against(storage["replicasSingle"]!, c["oneReplicaSingleDocumentsPerSecond"])}, {Percent(c["replicasBatchRatio"])} in requests of 1,000{BatchRounds(storage, "replicasBatch", c["replicasBatchDocumentsPerSecond"], c["oneReplicaBatchDocumentsPerSecond"], Runs(storage, "postgresBatch").Concat(Runs(storage, "postgresBatchAgain")).Count())} | {YesNo(c["replicasTargetMet"])} |");
        md.AppendLine($"| two replicas: p99 accepted-to-confirmed <= 3 s | {Num(c["replicasToConfirmedP99Ms"])} ms (worse of the two scenarios) | {YesNo(c["replicasP99TargetMet"])} |");
        md.AppendLine($"| kill -9 of the lease holder under load: next confirmed batch <= 10 s, every acknowledged document confirmed | {Num(c["failoverSeconds"])} s (lease taken after {Num(failover["leaseTakenSeconds"])} s); {(c["failoverAllConfirmed"]!.GetValue<bool>() ? "all confirmed" : "**not all confirmed**")} | {YesNo(c["failoverTargetMet"])} |");
        md.AppendLine();
    }

    public static void RenderDetails(StringBuilder md, JsonNode storage)
    {
        var plan = storage["plan"]!;
        var c = storage["comparison"]!;
        var failover = storage["failover"]!;
        md.AppendLine("## Storage");
        md.AppendLine();
        md.AppendLine("A Hardhat node of its own (automine) and a private PostgreSQL cluster made as `scripts/run.sh --postgres` makes one, with");
        md.AppendLine($"PostgreSQL's durable defaults ({string.Join(", ", storage["postgres"]!.AsObject().Select(p => $"{p.Key} {p.Value}"))}). Each node is CIVIL's,");
        md.AppendLine("the API in Release as its own process in the Production environment, as a department runs it, with its own data directory and");
        md.AppendLine("API key, the rate limits raised as in the API case.");
        if (storage["postgres"]?["wal_segments_at_start"] is { } segments)
        {
            md.AppendLine($"Before the case the cluster went through a checkpoint cycle (about 1 GB of WAL, then two checkpoints) and held {segments} WAL");
            md.AppendLine("segments to recycle, as a server in service does: a new cluster creates and zero-fills each 16 MB segment on first use,");
            md.AppendLine("under the WAL write lock, which took 29% of PostgreSQL's samples in a profile of requests of 1,000 on a fresh cluster");
            md.AppendLine("(quick run on 902764c) and none once the segments were there.");
        }

        md.AppendLine("The");
        md.AppendLine("reference is `EthGov.LoadTest reference-server`: an ASP.NET Core endpoint that parses the digest, writes one row through");
        md.AppendLine("EthGov.Application's `GroupCommit` on a SQLite file (WAL, synchronous=FULL) and answers 202 after the commit; no key, no");
        md.AppendLine("chain; it runs with server GC keeping the memory it frees (RetainVM), as the node does (the Web SDK's default and the API's");
        md.AppendLine("setting, which a console program like this one does not get unless asked). It is measured right before and right after the node on SQLite, and the ratio is taken to the mean of the two.");
        if (storage["referencePipeline"] is JsonArray { Count: > 0 })
        {
            md.AppendLine("Between them, and so also right before and after the node, runs the same endpoint behind the parts of ASP.NET Core that every");
            md.AppendLine("write to a node passes before EthGov's own code (`reference-pipeline`, bench/EthGov.LoadTest/Storage/ReferencePipeline.cs):");
            md.AppendLine("authentication by the API key wrk sends (its SHA-256 looked up, as the node's key store does), ASP.NET Core's token-bucket");
            md.AppendLine("rate limiter partitioned by key (limits raised as the node's are), authorization by a scope claim, and a 202 whose body");
            md.AppendLine("holds the document's status as JSON (digest, status, department, acceptedAt, statusUrl).");
        }

        md.AppendLine("All");
        md.AppendLine($"load comes from wrk with bench/wrk/anchor.lua ({Num(plan["singleConnections"])} connections) or anchor-batch.lua ({Num(plan["batchDigests"])} digests, {Num(plan["batchConnections"])} connections);");
        md.AppendLine("two replicas get one wrk each with half the connections, started together and summed, as a load balancer spreads them.");
        md.AppendLine($"Each scenario ran {Num(plan["singleSeconds"])} s (one digest per request) or {Num(plan["batchSeconds"])} s (batches) after {Num(plan["warmupSeconds"])} s of unmeasured warm-up on every");
        md.AppendLine("process. Every process runs with `DOTNET_TieredCompilation=0` and `DOTNET_ReadyToRun=0`: each method is compiled once,");
        md.AppendLine("fully optimised, when first called, so a run of seconds measures the code a node runs after hours (with tiered compilation,");
        md.AppendLine("a profile put a third of a fresh node's CPU in the background recompiler a minute into the load). The harness itself (its");
        md.AppendLine("probes and CPU readings) runs with `DOTNET_TieredCompilation=0` too: recompiling its probes in the background took 3.4% of");
        md.AppendLine("the machine during a node's run and nothing during the reference's, which it does not probe.");
        md.AppendLine("Each was followed until the registry's events counted every accepted document; every node then settles (no batch");
        md.AppendLine("waiting for the chain, events indexed) before the next scenario. With two wrk runs the latency to 202 is the worse run's. CPU is read from /proc from the start");
        md.AppendLine("of the load until that count (the API processes; PostgreSQL's server with its backends; the Hardhat node); the load average is");
        md.AppendLine("/proc/loadavg's 1, 5 and 15 minutes before and after. Accepted-to-confirmed comes from a probe per API that asks");
        md.AppendLine("every 100 ms for the status of a sample of the digests wrk sent (every 50th request of a wrk thread, every 2nd with 1,000");
        md.AppendLine("digests, the step doubling while the probe trails the load): the time from the `acceptedAt` the API recorded to the first");
        md.AppendLine("answer `anchored`. A sample already anchored when the probe first finds it counts from then, an upper bound; the table");
        md.AppendLine("says how many there were. Before the probe widened its step, most samples of a fast run were found late and the");
        md.AppendLine("single-digest runs reported p99s of 3 to 4 s that were the probe's own delay.");
        if (Runs(storage, "sqliteBatch").Count() > 1)
        {
            md.AppendLine("The neighbours' load drifts over the minutes of a run and moved single runs of requests of 1,000 by up to 1.5x, so those");
            md.AppendLine("comparisons are made of rounds. The node on SQLite and the node on PostgreSQL (one replica) take requests of 1,000 in turn,");
            md.AppendLine("both running, the one not measured idle, which goes first alternating from round to round. One replica is measured in");
            md.AppendLine("those rounds, after the failover on the replica that survived it (alone on the database by then), and again after a");
            md.AppendLine("second round of two replicas, for which the killed replica is started again (`-restarted`) and stopped afterwards. Each");
            md.AppendLine("ratio is taken between the means of the runs on each side; the rows below give every run.");
        }
        else if (AgainRuns(storage).Any())
        {
            md.AppendLine("One replica is measured twice: before the second starts, and again after the failover, on the replica that survived it");
            md.AppendLine("(alone on the database by then, as a node of one replica is); the two replicas' ratio is taken to the mean of the two, since");
            md.AppendLine("the neighbours' load drifts over the minutes between them.");
        }

        if (storage["maintenance"] is not null)
        {
            md.AppendLine("PostgreSQL vacuums and analyses a table every so many inserted rows, work that lands in whichever scenario runs when it");
            md.AppendLine("comes due (in one quick run, two autovacuum runs finished during `postgres-single`). So after each scenario on PostgreSQL,");
            md.AppendLine("once its nodes have settled, `VACUUM (ANALYZE, PARALLEL 0)` runs on the database, unmeasured by the scenario that follows;");
            md.AppendLine("the last column gives its time and its server process's CPU, per document the scenario inserted (a cost every PostgreSQL");
            md.AppendLine("node pays in the background), and the autovacuum or autoanalyze runs that still finished during the scenario. It is small");
            md.AppendLine("against the differences between scenarios: the slow runs of two replicas in requests of 1,000 had no autovacuum in them.");
        }

        md.AppendLine();
        var maintenance = storage["maintenance"];
        md.AppendLine($"| scenario | processes | connections each | digests / request | documents/s | p50 / p99 to 202 | all confirmed (after the load) | p99 accepted-to-confirmed | API CPU per document | CPU (s) | load before -> after |{(maintenance is null ? "" : " VACUUM after it; autovacuum during; checkpoints, WAL (full-page images), backend writes during |")}");
        md.AppendLine($"|---|---|---|---|---|---|---|---|---|---|---|{(maintenance is null ? "" : "---|")}");
        var rows = storage["reference"]!.AsArray().Select(r => r!)
            .Concat((storage["referencePipeline"]?.AsArray() ?? []).Select(r => r!))
            .Concat(s_onChain.SelectMany(k => Runs(storage, k)))
            .Append(failover["load"]!)
            .Concat(AgainRuns(storage));
        foreach (var r in rows)
        {
            bool chain = !r["name"]!.GetValue<string>().StartsWith("reference", StringComparison.Ordinal);
            md.AppendLine($"| {r["name"]} | {string.Join(" + ", r["targets"]!.AsArray().Select(t => t!.GetValue<string>()))} | {Num(r["connectionsEach"])} | {Num(r["digestsPerRequest"])} | {Num(r["documentsPerSecond"])} | "
                + $"{Num(r["toAccepted"]!["p50Ms"])} / {Num(r["toAccepted"]!["p99Ms"])} ms | "
                + (chain ? $"{(Confirmed(r) ? $"yes, {Num(r["confirmedOnChain"])} on chain in {Num(r["transactions"])} transactions ({Num(r["drainSeconds"])} s)" : "**no**")} | {Num(r["toConfirmed"]!["p99Ms"])} ms ({Num(r["sampledConfirmed"])} samples, {Num(r["anchoredWhenFound"])} anchored when found) | " : "- | - | ")
                + $"{Num(r["cpuMicrosecondsPerDocument"])} µs | {string.Join(", ", r["cpuSeconds"]!.AsObject().Select(p => $"{p.Key} {Num(p.Value)}"))} | {r["loadBefore"]} -> {r["loadAfter"]} |"
                + (maintenance is null ? "" : $" {Maintenance(maintenance[r["name"]!.GetValue<string>()], r)} |"));
        }

        md.AppendLine();
        md.AppendLine($"**Failover.** {Num(failover["killedAtSeconds"])} s into {Num(plan["failoverSeconds"])} s of load on both replicas, the replica named in the lease ({failover["killedReplica"]}, epoch");
        md.AppendLine($"{Num(failover["epochBefore"])}) was killed with SIGKILL and its wrk stopped, as a load balancer sends its clients to the other. The other took the lease");
        md.AppendLine($"(epoch {Num(failover["epochAfter"])}) {Num(failover["leaseTakenSeconds"])} s after the kill, and batch {Num(failover["nextBatchId"])}, the first formed after the kill, was confirmed");
        md.AppendLine($"{Num(failover["nextConfirmedBatchSeconds"])} s after it (its root {(failover["nextBatchOnChain"]!.GetValue<bool>() ? "is" : "is **not**")} in the registry's events from the kill's block on). Afterwards the outbox");
        md.AppendLine($"held {Num(failover["outboxRows"])} documents, {Num(failover["confirmedRows"])} of them in confirmed batches ({(failover["settled"]!.GetValue<bool>() ? "settled" : "**not settled**")}); the chain counted {Num(failover["load"]!["confirmedOnChain"])} for {Num(failover["load"]!["acceptedDocuments"])} acknowledged.");
        md.AppendLine();
        md.AppendLine($"**Two replicas on two machines.** With one digest per request the two replicas used {Num(c["replicaCpuMicrosecondsPerDocument"])} µs of CPU per document together and");
        md.AppendLine($"PostgreSQL {Num(c["postgresCpuMicrosecondsPerDocument"])} µs. Here both replicas, PostgreSQL, the chain and wrk share {CoresPerMachine} cores, so a second replica");
        md.AppendLine($"adds coordination and no cores. With a machine of {CoresPerMachine} cores per replica they would reach about {Num(c["twoMachinesReplicasLimit"])} documents/s before their");
        md.AppendLine($"own CPU runs out, and a PostgreSQL server on a third such machine about {Num(c["twoMachinesPostgresLimit"])}/s at its CPU per document: about {Num(c["twoMachinesEstimate"])} documents/s,");
        md.AppendLine("assuming CPU scales with cores and the disk's syncs, shared by group commit, keep up (both held here at these rates).");
        md.AppendLine();
        RenderProfiles(md);
    }

    // What perf showed in quick runs of this case, named by commit: text, not numbers of this run.
    private static void RenderProfiles(StringBuilder md)
    {
        md.AppendLine("**Where the time goes (profiles).** `perf record -F 199 -a -g` for 5 to 10 s inside scenarios of runs of this case");
        md.AppendLine("(`scripts/bench.sh --quick --storage` unless said), the .NET processes with `DOTNET_PerfMapEnabled=1`:");
        md.AppendLine();
        md.AppendLine("- EthGov's intake against the reference, one digest per request (on 41640e0): the node used 87 µs of CPU per document,");
        md.AppendLine("  the reference 39. Kestrel, the sockets, the thread pool and loopback TCP in the kernel cost both alike; the difference");
        md.AppendLine("  is the request's way through the middleware and the endpoint. Taking the nested middleware's inclusive shares apart:");
        md.AppendLine("  the rate limiter about 5.6 µs, authentication (with the clerk-session check after it) about 4.5, authorization about");
        md.AppendLine("  4.5, routing with the exception, status-code and page-file middleware about 3, the JSON answer about 4.3; EthGov's");
        md.AppendLine("  own steps (the index's reservation, the outbox writer, the commit's wake-up of the request) are the rest. The");
        md.AppendLine("  `reference-pipeline` rows measure ASP.NET Core's part directly: in three quick runs with this case's code of 6542a01");
        md.AppendLine("  that endpoint reached 64.3%, 65.5% and 81.9% of the bare reference, before any of EthGov's work, and the node 88.5%,");
        md.AppendLine("  77.2% and 63% of it.");
        md.AppendLine("- Two replicas against one, requests of 1,000 (on 6542a01; 217,785 documents/s on one replica, 190,704 on two): per");
        md.AppendLine("  document the machine spent 5.7 µs with one replica, a quarter of it idle (16 requests in flight did not fill two");
        md.AppendLine("  cores), and 9.6 µs with two. The difference: each replica reading the rows the other wrote (0.95 µs in the two");
        md.AppendLine("  processes' `ReplicaSync`, 0.9 µs in PostgreSQL's executor against 0.3), two COPYs into the same table at once");
        md.AppendLine("  (1.93 µs against 1.27 in their backends), the replica without the lease building each batch's Merkle tree again for");
        md.AppendLine("  the receipts the probe asks of it (about 0.45 µs), and the probe itself asking two APIs (0.62 µs against 0.19). When");
        md.AppendLine("  one replica alone fills the two cores, two replicas therefore reach about 1/1.7 of its rate here; 70% needs them to");
        md.AppendLine("  spend at most 1.43 times its CPU per document.");
        md.AppendLine("- The same in the storage case's full plan (`scripts/bench.sh --storage` on 6542a01, 10 s inside each scenario; one replica");
        md.AppendLine("  266,480 documents/s, two 134,029): PostgreSQL spent 2.7 µs per document for one replica and 5.3 for two. Each of the two");
        md.AppendLine("  COPY backends spent 34% of its time in `mdextend` (writing the new pages that extend the table, under");
        md.AppendLine("  `RelationGetBufferForTuple`), against 4.5% for one COPY alone: two writers appending to one table at once made");
        md.AppendLine("  PostgreSQL 15 extend it under contention for its extension lock, work that PostgreSQL 16 reorganised (bulk");
        md.AppendLine("  extension). In the quick runs, with fewer rows and shorter loads, the two COPYs spent 4-7% there, as one does: the");
        md.AppendLine("  contention comes and goes, as the ratio of two replicas to one in requests of 1,000 does (40.6-86.4% across runs).");
        md.AppendLine("- One replica in requests of 1,000, the second PostgreSQL round of a quick run on 902764c (122,357 documents/s; the");
        md.AppendLine("  same replica's four runs of requests of 1,000 in that run reached 182,285, 122,357, 266,158 and 118,512, with 2.8 to");
        md.AppendLine("  7.5 µs of machine CPU per document): the API was 37.7% of the samples, and 47% of its own were the kernel zeroing");
        md.AppendLine("  pages the process touched for the first time (`clear_page_erms` under page faults). 43% of those faults came from");
        md.AppendLine("  the document index growing: its slot table");
        md.AppendLine("  doubling (`DocumentIndex.Rehash`, itself another 7.5% of the API, all under the index's lock) and new chunks of");
        md.AppendLine("  records; most of the rest from each batch's short-lived large buffers (the batcher's copy of its entries, the Merkle");
        md.AppendLine("  tree's levels, the packed members, Npgsql reading members back) and the garbage collector's fresh allocation memory.");
        md.AppendLine("  The COPY's backend spent 53% of its time, and the backend writing the WAL 82%, in the kernel copying written data");
        md.AppendLine("  into new page-cache pages (`copy_folio_from_iter_atomic`). A run is slow or fast largely by whether the index of");
        md.AppendLine("  millions of digests doubles during it, in both replicas when there are two, which is why the ratios of requests of");
        md.AppendLine("  1,000 swing between runs of the same code. From 5a3aa9e on (after the run recorded here) the index moves its slots");
        md.AppendLine("  into a larger table a few per insertion instead of all at once under its lock.");
        md.AppendLine();
    }

    private static string Maintenance(JsonNode? record, JsonNode run)
    {
        if (record is null)
        {
            return "-";
        }

        double documents = run["acceptedDocuments"]!.GetValue<double>();
        double cpu = record["vacuumCpuSeconds"]!.GetValue<double>();
        string vacuum = $"{Num(record["vacuumSeconds"])} s, CPU {Num(cpu)} s ({(documents == 0 ? "?" : Num(Math.Round(cpu * 1e6 / documents, 2)))} µs per document); {Num(record["autovacuumRuns"])}";
        var writes = record["writes"];
        return writes is null ? vacuum
            : $"{vacuum}; {Num(writes["checkpointsTimed"])} timed + {Num(writes["checkpointsRequested"])} requested, "
              + $"{Num(Math.Round(writes["walBytes"]!.GetValue<double>() / 1048576, 1))} MiB ({Num(writes["walFullPageImages"])}), {Num(writes["backendBuffers"])} buffers";
    }

    // One replica alone measured again after the two (absent from runs made before it was).
    private static IEnumerable<JsonNode> AgainRuns(JsonNode storage)
        => Runs(storage, "postgresSingleAgain").Concat(Runs(storage, "postgresBatchAgain"));

    // The runs of a scenario: its rounds, or the one run of a scenario measured once (and of older runs); none when absent.
    private static IEnumerable<JsonNode> Runs(JsonNode storage, string key) => storage[key] switch
    {
        JsonArray rounds => rounds.OfType<JsonNode>(),
        { } run => [run],
        null => [],
    };

    private static string Against(JsonNode replicas, JsonNode? one) => one is null ? "" : $" ({Num(replicas["documentsPerSecond"])} against {Num(one)})";

    // The means compared, and of how many runs each is when a scenario ran in rounds.
    private static string BatchRounds(JsonNode storage, string key, JsonNode? mean, JsonNode? against, int againstRuns)
    {
        int rounds = Runs(storage, key).Count();
        return mean is null || against is null ? ""
            : $" ({Num(mean)} against {Num(against)} documents/s{(rounds > 1 ? $", means of {rounds} runs and of the {againstRuns} interleaved with them" : "")})";
    }

    // The mean documents/s of the runs given (absent ones left out), 0 when there are none.
    private static double MeanRate(IEnumerable<JsonNode?> runs)
    {
        var rates = runs.OfType<JsonNode>().Select(Rate).ToList();
        return rates.Count == 0 ? 0 : rates.Average();
    }

    private static double Rate(JsonNode run) => run["documentsPerSecond"]!.GetValue<double>();

    private static double P99(JsonNode run) => run["toConfirmed"]!["p99Ms"]!.GetValue<double>();

    private static bool Confirmed(JsonNode run) => run["allConfirmed"]!.GetValue<bool>();

    private static double Cpu(JsonNode run, string process) => run["cpuSeconds"]?[process]?.GetValue<double>() ?? 0;

    private static double Ratio(double value, double reference) => reference == 0 ? 0 : Math.Round(value / reference, 3);

    private static string Setting(JsonNode storage, string name) => storage["postgres"]?[name]?.GetValue<string>() ?? "?";

    private static string Percent(JsonNode? ratio) => ratio is null ? "?" : (ratio.GetValue<double>() * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Num(JsonNode? node) => node is null ? "?" : node.GetValue<double>().ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string YesNo(JsonNode? met) => met?.GetValue<bool>() == true ? "yes" : "**no**";

}
