using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EthGov.LoadTest.Reporting;

/// <summary>
/// The record exchange's part of docs/benchmarks.* (issue 17's performance targets): exchanges verified a second and their
/// latency at each rate, against the grantee that logs every exchange in a transaction of its own measured in the same run,
/// the gas of a logged access both ways and against one <c>logAccess</c>, and the check of the holder's journal.
/// </summary>
internal static class ExchangeReport
{
    private const double RateTarget = 500;
    private const double RateStretch = 1000;
    private const double P99TargetMs = 3000;
    private const double GasTarget = 300;

    /// <summary>Whether each target is met, added to the JSON as <c>comparison</c>.</summary>
    public static JsonObject Comparison(JsonNode exchange)
    {
        var runs = exchange["runs"]!.AsArray().Select(r => r!).ToList();
        var journal = exchange["journal"]!;
        bool journalRight = journal["failures"]!.GetValue<int>() == 0 && journal["releases"]!.GetValue<int>() > 0;
        var complete = runs.Where(Complete).ToList();
        double best = complete.Count == 0 ? 0 : complete.Max(r => Value(r, "verifiedPerSecond"));
        double referenceRate = Value(exchange["reference"]!, "verifiedPerSecond");
        double gas = Value(exchange["batchedGas"]!, "gasPerAccess");
        double logAccess = exchange["logAccessGas"]!.GetValue<long>();
        return new JsonObject
        {
            ["bestVerifiedPerSecond"] = best,
            ["rateTargetMet"] = best >= RateTarget && journalRight,
            ["rateStretchMet"] = best >= RateStretch && journalRight,
            ["p99TargetMet"] = complete.Any(r => Value(r, "verifiedPerSecond") >= RateTarget && Value(r["toVerified"]!, "p99Ms") <= P99TargetMs),
            ["ratioToReference"] = referenceRate == 0 ? 0 : Math.Round(best / referenceRate, 2),
            ["gasTargetMet"] = gas > 0 && gas <= GasTarget,
            ["gasRatioToLogAccess"] = logAccess == 0 ? 0 : Math.Round(gas / logAccess, 4),
            ["journalRight"] = journalRight,
        };
    }

    public static void RenderTargets(StringBuilder md, JsonNode exchange)
    {
        var c = exchange["comparison"]!;
        var reference = exchange["reference"]!;
        var journal = exchange["journal"]!;
        var runs = exchange["runs"]!.AsArray().Select(r => r!).ToList();
        // The run the comparison calls best: the fastest of those that ended every exchange, as Comparison counts it.
        var best = runs.Where(Complete).DefaultIfEmpty(runs[0]).MaxBy(r => Value(r, "verifiedPerSecond"))!;
        // The p99 target holds at the target rate: the run it is judged on is the one with the lowest p99 among those that
        // reached it (a saturated run at a higher rate, the fastest, only shows its backlog), as Comparison judges it.
        var atRate = runs.Where(r => Complete(r) && Value(r, "verifiedPerSecond") >= RateTarget).MinBy(r => Value(r["toVerified"]!, "p99Ms")) ?? best;
        md.AppendLine("## Targets (issue 17: record exchange between department nodes)");
        md.AppendLine();
        md.AppendLine($"Holder, grantee, Hardhat node and load generator on this one machine; details [below](#record-exchange). Load average at the start of the best run: {best["loadBefore"]}.");
        md.AppendLine();
        if (exchange["machine"] is { } own)
        {
            md.AppendLine($"This case comes from a later run of its own (`{own["command"]}`{(exchange["quick"]?.GetValue<bool>() == true ? ", quick" : "")}): commit {own["commit"]}, {own["date"]}; the other cases are from the run the machine table names.");
            md.AppendLine();
        }

        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| >= 500 exchanges/s sustained (1,000 stretch), every release after a confirmed log | {Num(c["bestVerifiedPerSecond"])} verified/s at {Num(best["ratePerSecond"])}/s posted over {Num(best["windowSeconds"])} s; {Num(c["ratioToReference"])}x the {Num(reference["verifiedPerSecond"])}/s of one transaction per exchange; {Num(journal["confirmed"])} of {Num(journal["releases"])} releases with a confirmed log | {YesNo(c["rateTargetMet"])}{(c["rateStretchMet"]!.GetValue<bool>() ? " (stretch too)" : "")} |");
        md.AppendLine($"| p99 request -> verified content <= 3 s | {Num(atRate["toVerified"]!["p99Ms"])} ms (p50 {Num(atRate["toVerified"]!["p50Ms"])} ms) at {Num(atRate["ratePerSecond"])}/s posted, {Num(atRate["verifiedPerSecond"])} verified/s | {YesNo(c["p99TargetMet"])} |");
        md.AppendLine($"| gas per logged access in batches <= 300 | {Num(exchange["batchedGas"]!["gasPerAccess"])} ({Percent(c["gasRatioToLogAccess"])} of one `logAccess` at {Num(exchange["logAccessGas"])}, in the same run) | {YesNo(c["gasTargetMet"])} |");
        md.AppendLine();
    }

    public static void RenderDetails(StringBuilder md, JsonNode exchange)
    {
        var plan = exchange["plan"]!;
        md.AppendLine("## Record exchange");
        md.AppendLine();
        md.AppendLine($"A Hardhat node of its own, mining {exchange["mining"]}: a holder releases only once a block follows the access log's, which on");
        md.AppendLine("a busy chain is the next transaction's and on a quiet one the interval's (a QBFT network's block period). Three department nodes,");
        md.AppendLine($"each its own API process in Release with its own signer, node key and data key, started as in the node benchmarks: {exchange["holder"]} keeps");
        md.AppendLine($"{Num(plan["records"])} JSON records of {Num(plan["recordBytes"])} bytes (`POST /api/v1/records`) and grants each under a legal basis (store, 65,535 fetches)");
        md.AppendLine($"to {exchange["grantee"]}, which logs its accesses in batches (one root every half second, the default `EthGov:Exchange:LogInterval`), and to {exchange["referenceGrantee"]}, which logs every exchange in a");
        md.AppendLine("transaction of its own (`EthGov:Exchange:MaxLogBatchEntries` = 1; the holder checks an entry's inclusion in a logged root, which");
        md.AppendLine("`logAccess(grantId)` does not name, so the reference is `logAccessBatch` of one entry: one transaction per exchange either way).");
        md.AppendLine("The load generator posts `POST /api/v1/exchanges` at a fixed rate (open loop, the grants in turn) and reads every 50 ms in the");
        md.AppendLine("grantee's database (read-only) which exchanges ended: latency runs from each request's scheduled time to the read that saw it");
        md.AppendLine("verified (the content checked against the record id and the anchor on chain, kept, evidence written), over the exchanges posted");
        md.AppendLine("in the window (an exchange unfinished when the run gives up counts with the time until then: the p99 is then a lower bound);");
        md.AppendLine("exchanges/s counts the exchanges verified within the window. CPU is each process's user and system time from");
        md.AppendLine("/proc over the run, divided by the exchanges verified in it. Unmeasured warm-up rounds of 10 s at 100/s come first, until the");
        md.AppendLine("nodes' tiered-compilation threads take under 2% of a core; each rate runs next and the reference last (its backlog of");
        md.AppendLine("transactions would slow the chain under the runs after it), each once the queue the run before left has drained (or the");
        md.AppendLine("drain time has passed).");
        md.AppendLine();
        md.AppendLine("| run | grantee | posted | window | verified/s | to verified p50 / p99 / max | POST p99 | verified, refused, unfinished | load average before -> after | CPU ms per exchange |");
        md.AppendLine("|---|---|---:|---|---:|---|---:|---|---|---|");
        foreach (var r in exchange["runs"]!.AsArray().Append(exchange["reference"]))
        {
            var cpu = string.Join(", ", r!["cpu"]!.AsArray().Select(p => $"{p!["process"]} {Num(p["cpuMsPerExchange"])}"));
            md.AppendLine($"| {r["name"]} | {r["grantee"]} | {Num(r["posted"])} in {Num(r["seconds"])} s | {Num(r["windowSeconds"])} s from {Num(r["windowStart"])} s | {Num(r["verifiedPerSecond"])} | {Ms(r["toVerified"]!)} | {Num(r["toAccepted"]!["p99Ms"])} ms | {Num(r["verified"])}, {Num(r["refused"])}, {Num(r["unfinished"])} | {r["loadBefore"]} -> {r["loadAfter"]} | {cpu} |");
        }

        md.AppendLine();
        var journal = exchange["journal"]!;
        md.AppendLine($"**Gas per logged access**, from the receipts of the transactions each grantee sent in this run (the batched grantee's in its measured runs, not the warm-up's): {exchange["grantee"]}'s batches {Num(exchange["batchedGas"]!["gasPerAccess"])}");
        md.AppendLine($"({Num(exchange["batchedGas"]!["gas"])} gas in {Num(exchange["batchedGas"]!["transactions"])} transactions for {Num(exchange["batchedGas"]!["entries"])} entries), {exchange["referenceGrantee"]}'s batches of one");
        md.AppendLine($"{Num(exchange["referenceGas"]!["gasPerAccess"])}, and one `logAccess` sent through {exchange["grantee"]}'s node (`POST /api/v1/grants/{{id}}/accesses`) {Num(exchange["logAccessGas"])}.");
        md.AppendLine();
        md.AppendLine($"**The holder's journal against the chain** at the end: {Num(journal["releases"])} releases in {exchange["holder"]}'s journal, {Num(journal["confirmed"])} with their");
        md.AppendLine("access-log root on chain, logged by the grantee department in the block the journal names, below the chain's head, and the release's");
        md.AppendLine($"entry in that root by the grantee's proof; {Num(journal["failures"])} without. The chain holds {Num(journal["entriesLoggedOnChain"])} logged entries in {Num(journal["batches"])} batches (more than");
        md.AppendLine("releases: entries logged for exchanges still in flight at the end, and the warm-up's).");
        foreach (var failure in journal["firstFailures"]!.AsArray())
        {
            md.AppendLine($"- **{failure}**");
        }

        md.AppendLine();
        RenderSecp256k1(md, exchange);
        RenderWhereTimeGoes(md);
    }

    // secp256k1 on the exchange's path, counted from this run: the grantee's access-log transactions are the only signatures.
    private static void RenderSecp256k1(StringBuilder md, JsonNode exchange)
    {
        var gas = exchange["batchedGas"]!;
        long transactions = gas["transactions"]!.GetValue<long>(), entries = gas["entries"]!.GetValue<long>();
        md.AppendLine("### secp256k1 on the exchange's path");
        md.AppendLine();
        md.AppendLine("No secp256k1 signature or recovery is made per exchange or per record. Node-to-node requests, the holder's answers and the");
        md.AppendLine("grantee's receipts are signed and checked with the P-256 node keys (RFC 9421, `httpsig` rows of the micro benchmarks: about");
        md.AppendLine("50 µs to sign, 90 µs to check); a consent grant's passkey (P-256) assertion is checked by the registry when the grant is made");
        md.AppendLine("(`grantAccessByPasskey`), once per grant; the node recovers an EIP-712 signature only for a signer change's consent, an");
        md.AppendLine("administrative act. The one secp256k1 operation on the path is the signature of each access-log transaction, one per");
        md.AppendLine($"department per log interval: in this run {Num((double)transactions)} transactions for {Num((double)entries)} logged accesses, {(entries == 0 ? "?" : (transactions / (double)entries).ToString("0.#####", CultureInfo.InvariantCulture))} signatures per");
        md.AppendLine("exchange; at the `eip712: sign` row's cost (Nethereum's BouncyCastle code, the same signer as a transaction's) that is about a");
        md.AppendLine("signature a second, under 0.2% of one core. A faster secp256k1 implementation (NBitcoin.Secp256k1) would not move these");
        md.AppendLine("numbers, so none was brought in.");
        md.AppendLine();
    }

    // Measured apart from the generated runs, on the code of the first run that reported these rows (issue 17).
    private static void RenderWhereTimeGoes(StringBuilder md)
    {
        md.AppendLine("### Where an exchange's time went");
        md.AppendLine();
        md.AppendLine("Measured while building this case, on the loaded shared machine (load averages 11 to 39 from other builds), so as CPU");
        md.AppendLine("time per verified exchange from /proc and as `dotnet-trace collect-linux --profile cpu-sampling` samples of the grantee's node,");
        md.AppendLine("not as rates:");
        md.AppendLine();
        md.AppendLine("- First run, before the changes below (500/s posted, load average 11-13): 35.7 verified/s, p99 73 s; CPU per verified");
        md.AppendLine("  exchange 6.0 ms in the grantee's node, 3.6 ms in the holder's, 2.2 ms in the Hardhat node. The grantee's POST answered");
        md.AppendLine("  at p99 5.3 s: every exchange step (created, released, verified, receipt) and the holder's every acknowledgement was a");
        md.AppendLine("  commit of its own on one connection, and with `synchronous=FULL` a commit waits for a WAL sync, 7.5 ms on this disk");
        md.AppendLine("  under load (`dd oflag=dsync` of 4 KiB), so one connection made about 130 commits a second.");
        md.AppendLine("- Changed: those writes now share commits (`GroupCommit`: the writes waiting when a commit starts go in it, each answered");
        md.AppendLine("  after it, durability unchanged); the holder's journal appends use the same writer. The grant check of `POST");
        md.AppendLine("  /api/v1/exchanges` and the grantee's anchor check before staff see the content are read once per block for every");
        md.AppendLine("  exchange of the grant or record (`HolderChainReads`, as the holder's checks were), not once per exchange. The worker's");
        md.AppendLine("  two queues got partial indexes without verified exchanges: the index they used keeps every verified exchange for good,");
        md.AppendLine("  so each round of the worker read all of them, more with every second of the run.");
        md.AppendLine("- After them, samples of the grantee's node at 500/s (load average 35): JSON-RPC calls and their decoding about 17%,");
        md.AppendLine("  SQLite 15% (7% in commits, 3.7% in fsync), the HTTP client to the holder 9%, the release's checks and HPKE opening");
        md.AppendLine("  4.5%, the ASP.NET Core pipeline of `POST /api/v1/exchanges` 7%, memory mapping 4%, spinning (`sched_yield`) 6%.");
        md.AppendLine("  HPKE costs 0.48 ms to seal and 0.32 ms to open a 1 KiB record (micro benchmarks), most of it the P-256 key import,");
        md.AppendLine("  generation and agreement through OpenSSL: 0.8 ms of the two nodes' CPU per exchange.");
        md.AppendLine("- Changed: the grantee asks the holder once a block follows its log's (it asked at once, the holder answered");
        md.AppendLine("  log-not-confirmed, and the retry's doubling pause held the exchange for seconds: warm-up p99 30 s at 100/s), and the");
        md.AppendLine("  access log's interval went from 1 s to 0.5 s.");
        md.AppendLine("- After all of them (500/s posted, load average 9.4): 116 verified/s in the window, all 15,000 verified (the queue");
        md.AppendLine("  drained 46 s after the load), POST p99 266 ms, warm-up p99 3.8 s at 100/s; CPU per verified exchange 2.8 ms in the");
        md.AppendLine("  grantee's node, 2.3 ms in the holder's, 0.47 ms in the Hardhat node: 5.6 ms in all, at most about 360 exchanges a");
        md.AppendLine("  second on two idle cores before the load generator's share. The 500/s target needs that halved again: left for the");
        md.AppendLine("  next round are the two HTTP requests per exchange (release and receipt: receipts could travel in batches), the");
        md.AppendLine("  evidence file's own sync per exchange, the record store's commit per received record, and HPKE's key handling.");
        md.AppendLine("- Receipts then went in signed bodies of up to 256 per holder. Measured on a quiet machine (load average 1 to 6, the");
        md.AppendLine("  same quick run ten minutes apart): 153.9 verified/s at 200/s posted (p99 10.1 s) and 115.8/s at 500/s, with CPU per");
        md.AppendLine("  verified exchange at 500/s of 6.9 ms over the four processes, 0.8 of 2 cores: not CPU-bound. The grantee's worker");
        md.AppendLine("  stepped due exchanges in rounds (up to 256, 32 at a time) and read again only when a round's slowest step had ended.");
        md.AppendLine("- Changed: the worker fills each slot as it frees up (the table above): 192.8/s at 200/s posted with p99 2.9 s, and");
        md.AppendLine("  184.1/s at 500/s, at 6.4 ms of CPU per exchange, about 1.2 of 2 cores. Still short of 500/s and still not CPU-bound;");
        md.AppendLine("  the next suspects are the worker's 32 slots against each step's chain of commits (release journal, record store,");
        md.AppendLine("  evidence file, state), and the access log's one batch per half second.");
        md.AppendLine("- Each step of the grantee's worker and of the holder's release was then timed (a scratch build that summed every phase");
        md.AppendLine("  every 5 s, quick runs on a quiet machine). At 100/s a step took about 250 ms: the holder's answer 48-93 ms (its");
        md.AppendLine("  checks 30-60 ms of chain reads, its journal commit 6-20 ms), the anchor check 12-107 ms, and keeping the received");
        md.AppendLine("  record 47-171 ms: the record store wrote through a connection of its own while the exchange store's shared commit");
        md.AppendLine("  held the same SQLite file, so each put waited in SQLite's busy handler. 32 slots at 250 ms is the 130/s ceiling.");
        md.AppendLine("  The reference run's backlog (hundreds of exchanges still sending a transaction each) also ran into the batched runs");
        md.AppendLine("  that followed it: while it drained, the holder's checks took 40-90 ms; after it, 8-9 ms.");
        md.AppendLine("- Changed: the received records are written in the commit that marks the exchange verified (the release's own commit");
        md.AppendLine("  only when the exchange waits), the holder's per-block reads keep the block before the newest too, the worker steps");
        md.AppendLine("  128 exchanges at once, and the reference runs last. Keeping a record went from 47-171 ms to 0.1 ms. Quick runs of the");
        md.AppendLine("  same day, 500/s posted: 119.9 verified/s before any change, 126.6/s with the one commit and 32 slots, 227.4/s with");
        md.AppendLine("  128 slots and the reference last (both in the timing build), then the table above without it. What is left is CPU,");
        md.AppendLine("  about 4.4 ms of the nodes' and the chain's per verified exchange at 500/s plus the load generator's, on two cores: in");
        md.AppendLine("  perf profiles of both nodes at 500/s, OpenSSL's P-256 arithmetic took 19-22% of each node's CPU (what uses it per");
        md.AppendLine("  exchange: the request's and the answer's signatures, HPKE's key agreement, and the import of each peer's published");
        md.AppendLine("  keys, done again on every request), the kernel 28-35% (loopback HTTP, fsync, scheduling), SQLite 5-10%.");
        md.AppendLine("- Changed: each peer's published keys are imported once and shared (`PublishedKeys`: an import cost 113-134 µs");
        md.AppendLine("  against 60 µs for a signature check, because OpenSSL checks the point's order as it imports it). Then timed again");
        md.AppendLine("  (the scratch build, 500/s posted, 128 slots: 313 verified/s): a step took 240-390 ms, of which the holder's answer");
        md.AppendLine("  124-150 ms, the check of the holder's anchor on chain 70-220 ms (waiting for the Hardhat node, which mines a block");
        md.AppendLine("  a second here and answers both nodes' reads), the verifying commit 21-48 ms, the evidence file 6-10 ms. A step is");
        md.AppendLine("  mostly waiting, so the slots set the rate (128 slots over about 0.3 s is about 400/s at best; 254-313/s in four");
        md.AppendLine("  runs). With 512 slots the same code reached 444.6/s and 427/s at 500/s posted (p99 7.6 and 9.5 s), at 3.8-3.9 ms");
        md.AppendLine("  of CPU per exchange over the nodes and the chain, which with the load generator is the two cores; at 200/s its p99");
        md.AppendLine("  grew to 2.8-5.6 s, each step's end waking the worker's loop to read thousands of due rows under the store's lock.");
        md.AppendLine("  Two loops that read less were tried and dropped: reading for the free slots only starved them (the most overdue");
        md.AppendLine("  rows are the hundreds that wait for the next block: 302/s), and leaving those out in the query with at most a");
        md.AppendLine("  round per 20 ms gave p99 2.3-2.8 s at 200/s but 254/s and 327/s at 500/s. The benchmark's grantee runs");
        md.AppendLine("  `EthGov:Exchange:Concurrency=512`; the default stays 128, since each slot may hold one answer of up to");
        md.AppendLine("  `MaxReleaseBytes` (4 MiB): 512 MiB at most with 128 slots, 2 GiB with 512.");
        md.AppendLine("- Changed: a round of the worker reads the due exchanges' scheduling fields only (`DueExchange`: id, state, attempts,");
        md.AppendLine("  log block, holder), the store leaves out the logged ones waiting for the block after their log (given the head,");
        md.AppendLine("  one read per block), the round takes as many as there are free slots past the ones in flight and reads whole");
        md.AppendLine("  rows for those only, and a round follows the last by at least 10 ms. Before, each step's end had the loop read");
        md.AppendLine("  every due row whole (proofs, sealed queries), in flight or not, and read again at once: at 200/s the grantee's");
        md.AppendLine("  node spent 5.0 ms of CPU per exchange, most of a core. Quick runs after it, the same day (load average 4 to 7):");
        md.AppendLine("  at 200/s posted 199.4/s and 196.4/s verified with p99 1.7 and 2.0 s (was 5.7 s), POST p99 91 and 279 ms (was");
        md.AppendLine("  1.7 s), the grantee's CPU 2.9-3.2 ms per exchange; at 500/s posted 370/s and 441/s (p99 10.1 and 6.4 s), the");
        md.AppendLine("  grantee's CPU 1.8-2.1 ms. At 500/s the two nodes and the chain then took 3.3-3.9 ms of CPU per exchange, and a");
        md.AppendLine("  perf profile of the machine in that run (8 s, 199 Hz) had it 14.6% idle, the grantee's node 39%, the holder's 25%,");
        md.AppendLine("  the load generator 8%, the chain 8%; 43% of the grantee's samples were in OpenSSL (libcrypto): the request's");
        md.AppendLine("  signature, the check of the answer's, HPKE's key agreement with the import of each answer's ephemeral key (which");
        md.AppendLine("  OpenSSL checks by a scalar multiplication as it imports it), the record store's AES-GCM.");
        md.AppendLine("- Changed: releases are sealed in HPKE sessions (docs/exchange.md, \"How a release is sealed\"): a holder sets up one");
        md.AppendLine("  context per grantee key every 10 s and exports each release's key from it, so the two P-256 operations on each");
        md.AppendLine("  side (0.48 ms to seal, 0.32 ms to open single-shot) are made once per session, not per release; the evidence");
        md.AppendLine("  file is synced once (it was written through and synced again) and written straight to its path (it went through");
        md.AppendLine("  a temporary file and a move, and made its folder at every write). Quick runs the same hour on a quiet machine, 500/s");
        md.AppendLine("  posted: before, 447.2 verified/s, p99 6.8 s, 1.35 ms of the holder's CPU and 1.92 ms of the grantee's per exchange,");
        md.AppendLine("  the machine 3.8% idle with 21% of its samples in OpenSSL; with sessions, 500.6/s, p99 3.2 s, 0.89 and 1.71 ms, 10%");
        md.AppendLine("  idle and 9.5% in OpenSSL; with the evidence change as well, 489.6/s (all 15,000 verified), p99 2.7 s, 0.87 and");
        md.AppendLine("  1.57 ms, 13.9% idle; a fourth, 503.1/s, p99 2.0 s. Full runs (`scripts/bench.sh --exchange`), 500/s posted: on");
        md.AppendLine("  1d72ad0 502.6/s with p99 3.48 s (1,000/s posted: 567.8/s), and 45 minutes later on 27df3b2 502.1/s, p99");
        md.AppendLine("  2.75 s (630.8/s at 1,000/s posted): the pair's capacity here is 570-630 exchanges/s, so 500/s runs it at 80-88%");
        md.AppendLine("  and its p99 moves across 3 s with the machine's other load. The run above is a later full `scripts/bench.sh`, with");
        md.AppendLine("  no change to the exchange's code, the machine busier (1,000/s posted: 388.9/s, its capacity then): it missed the p99 at 500/s.");
        md.AppendLine("  What is left on the grantee: the evidence file (12.6% of its samples, its sync 5.8%), SQLite");
        md.AppendLine("  (13%), P-256 signatures of each request and answer (about 5% of the machine over both nodes), the chain reads");
        md.AppendLine("  shared per block, and the HTTP of each exchange (the staff's POST, the release request and its answer, a share of a receipt body).");
        md.AppendLine();
    }

    private static bool Complete(JsonNode run) => run["postFailures"]!.GetValue<int>() == 0 && run["refused"]!.GetValue<int>() == 0 && run["unfinished"]!.GetValue<int>() == 0;

    private static double Value(JsonNode node, string key) => node[key]!.GetValue<double>();

    private static string Percent(JsonNode? ratio) => ratio is null ? "?" : (ratio.GetValue<double>() * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Num(JsonNode? node) => node is null ? "?" : node.GetValue<double>().ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Ms(JsonNode latency) => $"{Num(latency["p50Ms"])} / {Num(latency["p99Ms"])} / {Num(latency["maxMs"])} ms";

    private static string YesNo(JsonNode? met) => met?.GetValue<bool>() == true ? "yes" : "**no**";
}
