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
        var best = exchange["runs"]!.AsArray().Select(r => r!).OrderByDescending(r => Value(r, "verifiedPerSecond")).First();
        md.AppendLine("## Targets (issue 17: record exchange between department nodes)");
        md.AppendLine();
        md.AppendLine($"Holder, grantee, Hardhat node and load generator on this one machine; details [below](#record-exchange). Load average at the start of the best run: {best["loadBefore"]}.");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| >= 500 exchanges/s sustained (1,000 stretch), every release after a confirmed log | {Num(c["bestVerifiedPerSecond"])} verified/s at {Num(best["ratePerSecond"])}/s posted over {Num(best["windowSeconds"])} s; {Num(c["ratioToReference"])}x the {Num(reference["verifiedPerSecond"])}/s of one transaction per exchange; {Num(journal["confirmed"])} of {Num(journal["releases"])} releases with a confirmed log | {YesNo(c["rateTargetMet"])}{(c["rateStretchMet"]!.GetValue<bool>() ? " (stretch too)" : "")} |");
        md.AppendLine($"| p99 request -> verified content <= 3 s | {Num(best["toVerified"]!["p99Ms"])} ms (p50 {Num(best["toVerified"]!["p50Ms"])} ms) at {Num(best["ratePerSecond"])}/s | {YesNo(c["p99TargetMet"])} |");
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
        md.AppendLine($"to {exchange["grantee"]}, which logs its accesses in batches (one root a second), and to {exchange["referenceGrantee"]}, which logs every exchange in a");
        md.AppendLine("transaction of its own (`EthGov:Exchange:MaxLogBatchEntries` = 1; the holder checks an entry's inclusion in a logged root, which");
        md.AppendLine("`logAccess(grantId)` does not name, so the reference is `logAccessBatch` of one entry: one transaction per exchange either way).");
        md.AppendLine("The load generator posts `POST /api/v1/exchanges` at a fixed rate (open loop, the grants in turn) and reads every 50 ms in the");
        md.AppendLine("grantee's database (read-only) which exchanges ended: latency runs from each request's scheduled time to the read that saw it");
        md.AppendLine("verified (the content checked against the record id and the anchor on chain, kept, evidence written), over the exchanges posted");
        md.AppendLine("in the window; exchanges/s counts the exchanges verified within the window. CPU is each process's user and system time from");
        md.AppendLine("/proc over the run, divided by the exchanges verified in it. A warm-up of 500 exchanges at 100/s comes first, unmeasured.");
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
        md.AppendLine($"**Gas per logged access**, from the receipts of the transactions each grantee sent in this run: {exchange["grantee"]}'s batches {Num(exchange["batchedGas"]!["gasPerAccess"])}");
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
    }

    private static bool Complete(JsonNode run) => run["postFailures"]!.GetValue<int>() == 0 && run["refused"]!.GetValue<int>() == 0 && run["unfinished"]!.GetValue<int>() == 0;

    private static double Value(JsonNode node, string key) => node[key]!.GetValue<double>();

    private static string Percent(JsonNode? ratio) => ratio is null ? "?" : (ratio.GetValue<double>() * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Num(JsonNode? node) => node is null ? "?" : node.GetValue<double>().ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Ms(JsonNode latency) => $"{Num(latency["p50Ms"])} / {Num(latency["p99Ms"])} / {Num(latency["maxMs"])} ms";

    private static string YesNo(JsonNode? met) => met?.GetValue<bool>() == true ? "yes" : "**no**";
}
