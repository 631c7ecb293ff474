using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EthGov.LoadTest.Reporting;

/// <summary>
/// The department nodes' part of docs/benchmarks.*: issue 16's targets, ratios of numbers measured side by side in one
/// run (the machine's absolute rates move by 2x with the neighbours' load), each with the absolute numbers behind it.
/// </summary>
internal static class NodesReport
{
    private const double FirstThroughputTarget = 0.5;
    private const double FirstP99Target = 2.0;
    private const double RepeatedTarget = 0.8;
    private const double AnchoringTarget = 0.7;

    /// <summary>The ratios and whether each target is met (every answer right included), added to the JSON as <c>comparison</c>.</summary>
    public static JsonObject Comparison(JsonNode nodes)
    {
        var v = nodes["verification"]!;
        var (firstLocal, firstRemote) = (v["firstLocal"]!, v["firstRemote"]!);
        var (repeatedLocal, repeatedRemote) = (v["repeatedLocal"]!, v["repeatedRemote"]!);
        bool firstRight = Problems(firstLocal) + Problems(firstRemote) == 0;
        bool repeatedRight = Problems(repeatedLocal) + Problems(repeatedRemote) + v["repeatedPrimingProblems"]!.GetValue<long>() == 0;
        double throughput = Ratio(Value(firstRemote, "validPerSecond"), Value(firstLocal, "validPerSecond"));
        double p99 = Ratio(Value(firstRemote["pacedLatency"]!, "p99Ms"), Value(firstLocal["pacedLatency"]!, "p99Ms"));
        double repeated = Ratio(Value(repeatedRemote, "validPerSecond"), Value(repeatedLocal, "validPerSecond"));
        var anchoring = new JsonArray();
        foreach (var a in nodes["anchoring"]!.AsArray().Select(a => a!))
        {
            double ratio = Ratio(Value(a, "togetherDocumentsPerSecond"), Value(a, "aloneDocumentsPerSecond"));
            anchoring.Add(new JsonObject
            {
                ["name"] = a["name"]!.GetValue<string>(),
                ["ratio"] = Math.Round(ratio, 3),
                ["targetMet"] = ratio >= AnchoringTarget && a["allConfirmed"]!.GetValue<bool>() && a["non2xx"]!.GetValue<long>() == 0,
            });
        }

        return new JsonObject
        {
            ["firstThroughputRatio"] = Math.Round(throughput, 3),
            ["firstThroughputTargetMet"] = throughput >= FirstThroughputTarget && firstRight,
            ["firstP99Ratio"] = Math.Round(p99, 3),
            ["firstP99TargetMet"] = p99 <= FirstP99Target && firstRight,
            ["repeatedRatio"] = Math.Round(repeated, 3),
            ["repeatedTargetMet"] = repeated >= RepeatedTarget && repeatedRight,
            ["anchoring"] = anchoring,
        };
    }

    public static void RenderTargets(StringBuilder md, JsonNode nodes)
    {
        var c = nodes["comparison"]!;
        var v = nodes["verification"]!;
        var (firstLocal, firstRemote) = (v["firstLocal"]!, v["firstRemote"]!);
        var (repeatedLocal, repeatedRemote) = (v["repeatedLocal"]!, v["repeatedRemote"]!);
        var plan = nodes["plan"]!;
        string issuer = v["issuer"]!.GetValue<string>(), verifier = v["verifier"]!.GetValue<string>();
        md.AppendLine("## Targets (issue 16: a node per department)");
        md.AppendLine();
        md.AppendLine($"Ratios of runs side by side in this one run ({Rounds(plan)}); \"remote\" is a batch member of {issuer} verified on {verifier}'s node,");
        md.AppendLine($"\"local\" one of {verifier} verified on {verifier}'s node; details [below](#department-nodes-side-by-side).");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| first verification of another department's batch member >= 50% of a local one's requests/s | {Percent(c["firstThroughputRatio"])}: {Num(firstRemote["validPerSecond"])} against {Num(firstLocal["validPerSecond"])} valid answers/s at saturation ({Num(plan["firstConnections"])} connections){Wrong(firstLocal, firstRemote)} | {YesNo(c["firstThroughputTargetMet"])} |");
        md.AppendLine($"| its p99 within 2x of a local one's | {Num(c["firstP99Ratio"])}x: {Num(firstRemote["pacedLatency"]!["p99Ms"])} against {Num(firstLocal["pacedLatency"]!["p99Ms"])} ms at {Num(plan["pacedRate"])} requests/s on a fixed schedule | {YesNo(c["firstP99TargetMet"])} |");
        md.AppendLine($"| repeated verification of it as fast as a repeated local one (>= 80%) | {Percent(c["repeatedRatio"])}: {Num(repeatedRemote["validPerSecond"])} against {Num(repeatedLocal["validPerSecond"])} valid answers/s at saturation ({Num(plan["repeatedConnections"])} connections){Wrong(repeatedLocal, repeatedRemote)} | {YesNo(c["repeatedTargetMet"])} |");
        foreach (var (a, ac) in nodes["anchoring"]!.AsArray().Zip(c["anchoring"]!.AsArray()))
        {
            md.AppendLine($"| three nodes anchoring at once >= 70% of one node alone's documents/s, {a!["name"]} | {Percent(ac!["ratio"])}: {Num(a["togetherDocumentsPerSecond"])} against {Num(a["aloneDocumentsPerSecond"])} documents/s accepted, {Num(a["connectionsPerNode"])} connections per node{(a["allConfirmed"]!.GetValue<bool>() ? ", all confirmed on chain" : ", **not all confirmed**")} | {YesNo(ac["targetMet"])} |");
        }

        md.AppendLine();
    }

    public static void RenderDetails(StringBuilder md, JsonNode nodes)
    {
        var v = nodes["verification"]!;
        var plan = nodes["plan"]!;
        string issuer = v["issuer"]!.GetValue<string>(), verifier = v["verifier"]!.GetValue<string>();
        md.AppendLine("## Department nodes side by side");
        md.AppendLine();
        md.AppendLine("The three dev departments' nodes as `scripts/run.sh` runs them, on the same Hardhat node as above with a registry of");
        md.AppendLine("their own whose departments file names each node's URL (`ethgov deploy`): one API process per department in Release,");
        md.AppendLine("signing with that department's key only (dev:N), with its node key, its URL as `EthGov:PublicBaseUrl`, private");
        md.AppendLine("addresses allowed between nodes, its own data directory and API key, and the rate limits raised as above. Nodes: " + string.Join(", ", nodes["nodes"]!.AsArray().Select(n => $"`{n}`")) + ".");
        md.AppendLine($"Each comparison runs its two sides one after the other, {Rounds(plan)}, and pools them.");
        md.AppendLine();
        md.AppendLine($"**Verification by digest** on {verifier}'s node, every request naming the issuing department (`GET /api/v1/verify/{{digest}}?department=CODE`,");
        md.AppendLine($"as a document's link does), of batch members {verifier}'s node anchored (local: the proof comes from its own outbox) and of");
        md.AppendLine($"batch members {issuer}'s node anchored (remote: {verifier}'s node reads the issuer's URL from the chain, asks it for the receipt,");
        md.AppendLine($"checks the proof on chain and keeps the proof). Each side's {Num(v["digestsPerSide"])} digests were anchored through the API in requests of");
        md.AppendLine($"1,000 (confirmed in {Num(v["materialSeconds"])} s); every answer is checked (a 200 saying `valid`). First verifications: every digest is");
        md.AppendLine("verified once and no digest twice, after unmeasured first verifications of each side on fixed schedules; at saturation with");
        md.AppendLine("wrk (`bench/wrk/verify-checked.lua`, each thread its own share of a set larger than it reaches), then on a fixed schedule (the C# client");
        md.AppendLine($"of the API's verification rows, latency from each scheduled time) at {Num(plan["pacedRate"])} requests/s after one unmeasured second at that");
        md.AppendLine("rate: half the rate of the local first-verification row above, so that both sides run below what they can take and the");
        md.AppendLine($"p99 compares answers, not queues. Repeated verifications: {Num(plan["repeatedDigests"])} digests of each side's last paced run, verified twice more");
        md.AppendLine("unmeasured, then again and again by wrk.");
        md.AppendLine();
        md.AppendLine("| verification | side | round | digest set | load | requests | valid answers/s | latency p50 / p99 / max | wrong, failed or repeated |");
        md.AppendLine("|---|---|---:|---:|---|---:|---:|---|---:|");
        foreach (var r in v["firstSaturated"]!.AsArray())
        {
            md.AppendLine($"| first, saturation | {r!["side"]} | {Num(r["round"])} | {Num(r["digests"])} | {Num(r["connections"])} connections, {Num(r["seconds"])} s | {Num(r["requests"])} | {Num(r["validPerSecond"])} | {Ms(r["latency"]!)} | {Num(Sum(r, "wrongAnswers", "socketErrors", "repeated"))} |");
        }

        foreach (var p in v["firstPaced"]!.AsArray())
        {
            var r = p!["result"]!;
            md.AppendLine($"| first, fixed schedule | {p["side"]} | {Num(p["round"])} | {Num(r["requests"])} | {Num(r["ratePerSecond"])}/s, {Num(r["seconds"])} s | {Num(r["requests"])} | {Num(r["requestsPerSecond"])} (all answers) | {Ms(r["latency"]!)} | {Num(Sum(r, "failures", "wrongAnswers"))} |");
        }

        foreach (var r in v["repeated"]!.AsArray())
        {
            md.AppendLine($"| repeated, saturation | {r!["side"]} | {Num(r["round"])} | {Num(r["digests"])} | {Num(r["connections"])} connections, {Num(r["seconds"])} s | {Num(r["requests"])} | {Num(r["validPerSecond"])} | {Ms(r["latency"]!)} | {Num(Sum(r, "wrongAnswers", "socketErrors"))} |");
        }

        md.AppendLine();
        md.AppendLine("Pooled over the rounds (valid answers over wrk's seconds; paced latency over every paced request):");
        md.AppendLine();
        md.AppendLine("| | local | remote | remote / local |");
        md.AppendLine("|---|---:|---:|---:|");
        var c = nodes["comparison"]!;
        md.AppendLine($"| first verification, valid answers/s at saturation | {Num(v["firstLocal"]!["validPerSecond"])} | {Num(v["firstRemote"]!["validPerSecond"])} | {Percent(c["firstThroughputRatio"])} |");
        md.AppendLine($"| first verification at {Num(plan["pacedRate"])}/s, p50 / p99 / max | {Ms(v["firstLocal"]!["pacedLatency"]!)} | {Ms(v["firstRemote"]!["pacedLatency"]!)} | p99 {Num(c["firstP99Ratio"])}x |");
        md.AppendLine($"| repeated verification, valid answers/s at saturation | {Num(v["repeatedLocal"]!["validPerSecond"])} | {Num(v["repeatedRemote"]!["validPerSecond"])} | {Percent(c["repeatedRatio"])} |");
        md.AppendLine();

        md.AppendLine("**Anchoring by every node at once.** One node alone (the first below) against all three at once, each node under a wrk of");
        md.AppendLine("its own with the same connections and two threads (`bench/wrk/anchor.lua`, `anchor-batch.lua`, every request new");
        md.AppendLine("digests, the node's own API key), after every node is quiet (no batch waiting for the chain, events indexed). Documents");
        md.AppendLine("accepted (2xx) over wrk's seconds, summed over the nodes; each run then waits until the registry's own events count");
        md.AppendLine("every accepted document on the chain the nodes share.");
        md.AppendLine();
        md.AppendLine("| anchoring | side | round | per node: documents/s (to accepted p99) | documents/s | on chain | all confirmed after the load |");
        md.AppendLine("|---|---|---:|---|---:|---:|---:|");
        foreach (var a in nodes["anchoring"]!.AsArray())
        {
            foreach (var r in a!["runs"]!.AsArray())
            {
                var per = string.Join(", ", r!["nodes"]!.AsArray().Select(n => $"{n!["code"]} {Num(n["documentsPerSecond"])} ({Num(n["toAccepted"]!["p99Ms"])} ms{(n["non2xx"]!.GetValue<long>() > 0 ? $", **{Num(n["non2xx"])} not 2xx**" : "")})"));
                string confirmed = r["allConfirmed"]!.GetValue<bool>() ? $"{Num(r["drainSeconds"])} s" : "**no**";
                md.AppendLine($"| {a["name"]}, {Num(a["connectionsPerNode"])} connections per node | {r["side"]} | {Num(r["round"])} | {per} | {Num(r["documentsPerSecond"])} | {Num(r["confirmedOnChain"])} | {confirmed} |");
            }
        }

        md.AppendLine();
        RenderWhereTimeGoes(md);
    }

    // Measured apart from the generated runs, on the code of the first run that reported these rows (issue 16).
    private static void RenderWhereTimeGoes(StringBuilder md)
    {
        md.AppendLine("### Where a remote verification's time goes");
        md.AppendLine();
        md.AppendLine("Measured apart from the runs above, on the same three nodes and Hardhat node with the machine quiet: wrk at 64");
        md.AppendLine("connections over first-time digests, each process's CPU time read from /proc before and after, divided by the answers;");
        md.AppendLine("CPU samples of the verifying node with `dotnet-trace collect-linux --profile cpu-sampling`; the Hardhat node's calls");
        md.AppendLine("counted in its own log (`hardhat_setLoggingEnabled`).");
        md.AppendLine();
        md.AppendLine("- Measured on the code before the two changes below (the runs above measure the code after them). A local first");
        md.AppendLine("  verification cost the verifying node 136 µs of CPU and the Hardhat node 114 µs (5,457 valid answers/s); a remote");
        md.AppendLine("  one cost the verifying node 313-344 µs, the issuer's node 103-119 µs (the receipt it serves) and the Hardhat node");
        md.AppendLine("  232-239 µs (2,421-2,453 valid answers/s): about 2.7 times the CPU, on two cores shared by all. The full run on that");
        md.AppendLine("  code gave 45.3% of the local requests/s and a p99 18.4 times the local one: both targets missed.");
        md.AppendLine("- Changed since: the remote path read the chain twice, one read after the other (the named department's single");
        md.AppendLine("  anchor, unknown, then the batch leaf through the proof). With the department named, the issuer's node is now asked");
        md.AppendLine("  first and the chain read once, through the proof; the single anchor is read only when the node gives no usable one.");
        md.AppendLine("- Changed since: the node directory (`NodeDirectory`) read a department's entry again once it was 5 s old, with no read");
        md.AppendLine("  shared between callers, so every remote verification arriving during a refresh started its own: in one 12 s run on");
        md.AppendLine("  the loaded machine 1,280 `departmentCount`, 3,837 `department` and 1,445 `departmentNode` calls beside 5,376");
        md.AppendLine("  `records` calls. Now one read per entry is in flight and an aged entry is answered while it runs.");
        md.AppendLine("- Left as it is: the proof is hashed twice, by `ReceiptReader` when `NodeClient` reads the receipt (about 10% of the");
        md.AppendLine("  verifying node's CPU samples) and again by `CheckInBatchAsync`.");
        md.AppendLine("- Repeated verification is faster remote than local: the local one cost the node 152-167 µs against 117-122 µs (9,580-9,897");
        md.AppendLine("  against 13,030-13,101 valid answers/s). A local answer also checks the anchoring transaction its outbox recorded");
        md.AppendLine("  (`ReadTransactionAsync`, 9.6% of the samples), and every call pinned to a block (`PinnedReads.AtBlockAsync`) reads");
        md.AppendLine("  `ConcurrentDictionary.Count`, which takes all of the dictionary's locks (8.7% of the samples).");
        md.AppendLine();
    }

    private static string Rounds(JsonNode plan) => plan["rounds"]!.GetValue<int>() == 1
        ? "one round, local or alone first"
        : $"{Num(plan["rounds"])} rounds, the second in the other order";

    private static long Problems(JsonNode summary) => summary["problems"]!.GetValue<long>();

    private static double Value(JsonNode node, string key) => node[key]!.GetValue<double>();

    private static double Ratio(double part, double whole) => whole == 0 ? 0 : part / whole;

    private static double Sum(JsonNode node, params string[] keys) => keys.Sum(k => node[k]!.GetValue<double>());

    private static string Wrong(JsonNode local, JsonNode remote)
    {
        long problems = Problems(local) + Problems(remote);
        return problems == 0 ? ", every answer valid" : $", **{problems} answers wrong, failed or repeated**";
    }

    private static string Percent(JsonNode? ratio) => ratio is null ? "?" : (ratio.GetValue<double>() * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Num(JsonNode? node) => node is null ? "?" : node.GetValue<double>().ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Ms(JsonNode latency) => $"{Num(latency["p50Ms"])} / {Num(latency["p99Ms"])} / {Num(latency["maxMs"])} ms";

    private static string YesNo(JsonNode? met) => met?.GetValue<bool>() == true ? "yes" : "**no**";
}
