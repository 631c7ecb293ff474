using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Nodes;

/// <summary>
/// Verification by digest on one node (the verifier) of batch members of its own department (local: the proof comes
/// from its outbox) and of another department's (remote: the proof comes from the issuing department's node, a process
/// of its own, and is then kept), side by side: first verifications at saturation (wrk, every digest once) and on a
/// fixed schedule (latency), then repeated verifications of digests each side verified once. Every request names the
/// issuing department (<c>?department=CODE</c>, as a document's link does), so the two sides differ only in where the
/// proof comes from.
/// </summary>
internal sealed class CrossNodeVerification(NodesRunPlan plan, WrkRunner wrk, ChainTally tally, string work)
{
    private const string Local = "local";
    private const string Remote = "remote";
    private const int WrkThreads = 2;
    private const int OpenConnections = 64;
    private static readonly TimeSpan s_pause = TimeSpan.FromSeconds(1);

    public async Task<CrossNodeResults> RunAsync(BenchNode verifier, BenchNode issuer, string run, CancellationToken cancellationToken)
    {
        int perSide = plan.FirstDigestsPerKind;
        ApiRun.Log($"nodes: anchoring {perSide:N0} batch members on {verifier.Code}'s node and as many on {issuer.Code}'s node to verify");
        var clock = Stopwatch.StartNew();
        using var verifierKeyed = NodesRun.Client(verifier, withKey: true);
        using var issuerKeyed = NodesRun.Client(issuer, withKey: true);
        var ownMaterial = VerificationMaterial.AnchorAsync(verifierKeyed, run + "c1", perSide, cancellationToken);
        var otherMaterial = VerificationMaterial.AnchorAsync(issuerKeyed, run + "c2", perSide, cancellationToken);
        var sides = new Dictionary<string, Side>
        {
            [Local] = new(Local, verifier.Code, new Queue<string>(await ownMaterial)),
            [Remote] = new(Remote, issuer.Code, new Queue<string>(await otherMaterial)),
        };
        double materialSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        ApiRun.Log($"  confirmed on both nodes after {materialSeconds} s");
        foreach (var node in new[] { verifierKeyed, issuerKeyed })
        {
            ApiRun.Log($"  {node.BaseAddress}: {await ApiRun.WaitUntilQuietAsync(node, tally, TimeSpan.FromSeconds(60), s_pause, cancellationToken)}");
        }

        using var http = VerificationLoad.CreateClient(verifier.Url);
        // Connections are opened with digests nobody anchored, so no first-time digest is spent on them.
        var opener = new VerificationLoad(http, [], [.. Enumerable.Range(0, OpenConnections).Select(i => $"0x{run}ed{i:x54}")]);
        await opener.OpenConnectionsAsync(OpenConnections, cancellationToken);
        foreach (var side in sides.Values)
        {
            var warmup = await side.Load(http, side.Take(plan.PacedRate * plan.WarmupSeconds)).RunPacedAsync(plan.PacedRate, TimeSpan.FromSeconds(plan.WarmupSeconds), cancellationToken);
            ApiRun.Log($"nodes: {side.Name} first verifications, {plan.WarmupSeconds} s unmeasured at {plan.PacedRate}/s: p50 {warmup.Latency.P50Ms} ms, p99 {warmup.Latency.P99Ms} ms, "
                + $"{warmup.Failures + warmup.WrongAnswers} problems{Problem(warmup.FirstProblem)}");
        }

        var saturated = new List<SaturatedVerification>();
        foreach (var (round, name) in SideBySide.Order(plan.Rounds, Local, Remote))
        {
            var side = sides[name];
            var digests = side.Take(plan.FirstDigestsPerRun);
            ApiRun.Log($"nodes: {name} first verifications at saturation, round {round}: {plan.FirstConnections} connections, {plan.FirstSeconds} s, up to {digests.Count:N0} digests once each");
            var result = await SaturatedAsync(side, round, digests, once: true, plan.FirstConnections, plan.FirstSeconds, cancellationToken);
            saturated.Add(result);
            await Task.Delay(s_pause, cancellationToken);
        }

        var paced = new List<PacedVerification>();
        var lastPaced = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (round, name) in SideBySide.Order(plan.Rounds, Local, Remote))
        {
            var side = sides[name];
            // One unmeasured second at the rate first: the previous run's tail must not land in this one.
            await side.Load(http, side.Take(plan.PacedRate)).RunPacedAsync(plan.PacedRate, TimeSpan.FromSeconds(1), cancellationToken);
            var digests = side.Take(plan.PacedRate * plan.PacedSeconds);
            var result = await side.Load(http, digests).RunPacedAsync(plan.PacedRate, TimeSpan.FromSeconds(plan.PacedSeconds), cancellationToken);
            paced.Add(new PacedVerification(name, round, result));
            lastPaced[name] = digests;
            ApiRun.Log($"nodes: {name} first verifications at {plan.PacedRate}/s, round {round}: {result.RequestsPerSecond} requests/s, p50 {result.Latency.P50Ms} ms, "
                + $"p99 {result.Latency.P99Ms} ms, max {result.Latency.MaxMs} ms, {result.Failures} failed, {result.WrongAnswers} wrong{Problem(result.FirstProblem)}; "
                + $"client send lag p99 {result.SendLag.P99Ms} ms");
        }

        // Repeated verifications: digests each side verified once in its last paced run, verified twice more unmeasured
        // (a proof another node gave is kept after its first verification; the second pass makes sure of it).
        long primingProblems = 0;
        var repeatedSets = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var side in sides.Values)
        {
            var set = lastPaced[side.Name].Take(plan.RepeatedDigests).ToList();
            repeatedSets[side.Name] = set;
            for (int pass = 0; pass < 2; pass++)
            {
                primingProblems += await PrimeAsync(http, set, side.Query, cancellationToken);
            }
        }

        ApiRun.Log($"nodes: repeated verifications primed, {primingProblems} problems");
        var repeated = new List<SaturatedVerification>();
        foreach (var (round, name) in SideBySide.Order(plan.Rounds, Local, Remote))
        {
            var side = sides[name];
            var set = repeatedSets[name];
            ApiRun.Log($"nodes: {name} repeated verifications at saturation, round {round}: {set.Count:N0} digests, {plan.RepeatedConnections} connections, {plan.RepeatedSeconds} s");
            repeated.Add(await SaturatedAsync(side, round, set, once: false, plan.RepeatedConnections, plan.RepeatedSeconds, cancellationToken));
            await Task.Delay(s_pause, cancellationToken);
        }

        return new CrossNodeResults(
            verifier.Code,
            issuer.Code,
            perSide,
            materialSeconds,
            saturated,
            paced,
            repeated,
            primingProblems,
            Summary(Local, saturated, paced),
            Summary(Remote, saturated, paced),
            Summary(Local, repeated, []),
            Summary(Remote, repeated, []));
    }

    private async Task<SaturatedVerification> SaturatedAsync(Side side, int round, IReadOnlyList<string> digests, bool once, int connections, int seconds, CancellationToken cancellationToken)
    {
        var list = Path.Combine(work, $"{(once ? "first" : "repeated")}-{side.Name}-{round}.txt");
        await File.WriteAllLinesAsync(list, digests.Select(d => d + side.Query), cancellationToken);
        var result = await wrk.RunAsync("verify-checked.lua", WrkThreads, connections, TimeSpan.FromSeconds(seconds),
            new Dictionary<string, string>
            {
                ["DIGESTS"] = Path.GetFullPath(list),
                ["THREADS"] = WrkThreads.ToString(CultureInfo.InvariantCulture),
                ["ONCE"] = once ? "1" : "0",
            },
            "/", cancellationToken);

        // Thread t's share holds the lines t, t + threads, ...; requests beyond it were repeats.
        long repeats = once
            ? result.Counters.Select((sent, t) => Math.Max(0, sent - ((digests.Count - t + WrkThreads - 1) / WrkThreads))).Sum()
            : 0;
        double wrkSeconds = result.DurationUs / 1e6;
        var verification = new SaturatedVerification(
            side.Name,
            round,
            connections,
            digests.Count,
            Math.Round(wrkSeconds, 3),
            result.Requests,
            result.StatusErrors,
            result.WrongAnswers,
            result.SocketErrors,
            repeats,
            Math.Round((result.Requests - result.WrongAnswers) / wrkSeconds, 1),
            ApiRun.WrkLatencies(result));
        ApiRun.Log($"  {verification.ValidPerSecond} valid answers/s, p50 {verification.Latency.P50Ms} ms, p99 {verification.Latency.P99Ms} ms; "
            + $"{verification.WrongAnswers} wrong or not 200, {verification.SocketErrors} socket errors{(once ? $", {repeats} repeated" : "")}");
        return verification;
    }

    private static async Task<long> PrimeAsync(HttpClient http, IReadOnlyList<string> digests, string query, CancellationToken cancellationToken)
    {
        long problems = 0;
        await Parallel.ForEachAsync(digests, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (digest, ct) =>
        {
            using var response = await http.GetAsync($"/api/v1/verify/{digest}{query}", ct);
            bool valid = false;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                valid = json.RootElement.GetProperty("outcome").GetString() == "valid";
            }

            if (!valid)
            {
                Interlocked.Increment(ref problems);
            }
        });
        return problems;
    }

    private static VerificationSummary Summary(string side, IReadOnlyList<SaturatedVerification> saturated, IReadOnlyList<PacedVerification> paced)
    {
        var mine = saturated.Where(r => r.Side == side).ToList();
        var pacedRuns = paced.Where(r => r.Side == side).Select(r => r.Result).ToList();
        double valid = mine.Sum(r => r.Requests - r.WrongAnswers) / mine.Sum(r => r.Seconds);
        long problems = mine.Sum(r => r.WrongAnswers + r.SocketErrors + r.Repeated) + pacedRuns.Sum(r => (long)r.Failures + r.WrongAnswers);
        return new VerificationSummary(
            side,
            Math.Round(valid, 1),
            mine.Max(r => r.Latency.P99Ms),
            pacedRuns.Count > 0 ? pacedRuns[0].RatePerSecond : 0,
            pacedRuns.Count > 0 ? Math.Round(pacedRuns.Sum(r => r.Requests) / pacedRuns.Sum(r => r.Seconds), 1) : 0,
            pacedRuns.Count > 0 ? Latencies.Of(pacedRuns.SelectMany(r => r.Samples ?? []).ToList()) : null,
            problems);
    }

    private static string Problem(string? first) => first is null ? "" : $" (first: {first})";

    /// <summary>One side of the comparison: whose batch members, and the first-time digests not yet used.</summary>
    private sealed record Side(string Name, string Department, Queue<string> Unused)
    {
        public string Query => $"?department={Department}";

        public VerificationLoad Load(HttpClient http, IReadOnlyList<string> digests) => new(http, digests, [], Query);

        public List<string> Take(int count)
        {
            if (count > Unused.Count)
            {
                throw new InvalidOperationException($"the {Name} side needs {count} more first-time digests, {Unused.Count} left");
            }

            var taken = new List<string>(count);
            for (int i = 0; i < count; i++)
            {
                taken.Add(Unused.Dequeue());
            }

            return taken;
        }
    }
}
