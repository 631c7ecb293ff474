using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Api;

/// <summary>Sizes of one run of the API benchmarks.</summary>
internal sealed record ApiRunPlan(
    IReadOnlyList<int> Concurrency,
    int SingleSeconds,
    int BatchDigests,
    int BatchConnections,
    int BatchSeconds,
    int VerifyRate,
    int VerifySeconds,
    int VerifyConnections,
    int VerifyAnchored,
    int VerifyUnknown,
    int FirstRate,
    int FirstAnchored,
    int SpotChecks)
{
    public static ApiRunPlan Quick { get; } = new([1, 16, 64, 256], 2, 1000, 16, 2, 1000, 2, 64, 500, 100, 2000, 2000, 20);

    public static ApiRunPlan Full { get; } = new([1, 16, 64, 256], 10, 1000, 16, 10, 1000, 10, 64, 2000, 200, 2000, 10_000, 60);
}

/// <summary>One anchoring scenario through the API: wrk's view, the chain's view and the sampled confirmations.</summary>
internal sealed record ApiAnchorResult(
    string Name,
    int Connections,
    int DigestsPerRequest,
    double LoadSeconds,
    long Requests,
    long Non2xx,
    long SocketErrors,
    long AcceptedDocuments,
    double RequestsPerSecond,
    double DocumentsPerSecond,
    Latencies ToAccepted,
    long ConfirmedOnChain,
    bool AllConfirmed,
    double AllConfirmedSeconds,
    double DrainSeconds,
    int Transactions,
    double GasPerDocument,
    int Sampled,
    int SampledConfirmed,
    Latencies ToConfirmed);

/// <summary>Verification at saturation, as wrk saw it.</summary>
internal sealed record SaturatedVerificationResult(int Connections, double Seconds, long Requests, long Non2xx, long SocketErrors, double RequestsPerSecond, Latencies Latency);

/// <summary>Everything the API benchmarks measured in one run.</summary>
internal sealed record ApiResults(
    bool Quick,
    ApiRunPlan Plan,
    IReadOnlyList<ApiAnchorResult> Single,
    ApiAnchorResult Batch,
    PacedVerificationResult VerifyFirst,
    PacedVerificationResult VerifyPaced,
    SaturatedVerificationResult VerifySaturated,
    SpotCheckResult SpotCheck,
    int VerifyDigests);

/// <summary>
/// The API end to end, in a real process started by scripts/bench.sh: anchoring with one digest per request at
/// several concurrencies and with requests of 1,000 digests (load from wrk, bench/wrk/*.lua), each scenario
/// followed until the chain's own events count every accepted document; then verification at a fixed rate and at
/// saturation over digests it anchored and digests nobody anchored, with spot checks against the chain.
/// </summary>
internal static class ApiRun
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Arguments args)
    {
        bool quick = args.Flag("--quick");
        var plan = quick ? ApiRunPlan.Quick : ApiRunPlan.Full;
        var api = new Uri(args.Required("--api"));
        var rpc = new Uri(args.Required("--rpc"));
        if (!api.IsLoopback || !rpc.IsLoopback)
        {
            throw new ArgumentException("the benchmarks send traffic to loopback only");
        }

        var key = (await File.ReadAllTextAsync(args.Required("--key-file"))).Trim();
        var deployment = await DeploymentFile.LoadAsync(args.Required("--deployment"));
        var wrk = new WrkRunner(args.Value("--wrk") ?? "wrk", Path.GetFullPath(args.Required("--scripts")), api);
        var work = args.Required("--work");
        Directory.CreateDirectory(work);
        var options = new ChainOptions { RpcUrl = rpc, ChainId = deployment.ChainId };
        var tally = new ChainTally(options, deployment.Registry);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(quick ? 3 : 15));
        var ct = limit.Token;
        string run = RandomTag();
        var anchored = new List<string>();

        var single = new List<ApiAnchorResult>();
        for (int i = 0; i < plan.Concurrency.Count; i++)
        {
            int connections = plan.Concurrency[i];
            int threads = Math.Min(2, connections);
            string tag = run[..6] + i.ToString("x2", CultureInfo.InvariantCulture);
            Log($"api: one digest per request, {connections} connections, {plan.SingleSeconds} s");
            var result = await AnchorScenarioAsync(
                $"single-c{connections}", wrk, tally, http, "anchor.lua", threads, connections, 1, plan.SingleSeconds,
                new Dictionary<string, string> { ["KEY"] = key, ["TAG"] = tag },
                (t, k) => $"0x{tag}{t:x8}{k:x48}", StrideFor(connections), anchored, ct);
            single.Add(result);
        }

        string batchTag = run[..6] + "ff";
        Log($"api: {plan.BatchDigests} digests per request, {plan.BatchConnections} connections, {plan.BatchSeconds} s");
        var batch = await AnchorScenarioAsync(
            $"batch-{plan.BatchDigests}", wrk, tally, http, "anchor-batch.lua", 2, plan.BatchConnections, plan.BatchDigests, plan.BatchSeconds,
            new Dictionary<string, string> { ["KEY"] = key, ["TAG"] = batchTag, ["SIZE"] = plan.BatchDigests.ToString(CultureInfo.InvariantCulture) },
            (t, k) => $"0x{batchTag}{t:x8}{k:x32}{0:x16}", 10, anchored, ct);

        // A sampled request of the batch scenario was accepted whole (all or nothing) and the sample is its position 0, so
        // its other positions are confirmed documents too: enough first-time digests for verification.
        var siblings = anchored.Where(d => d.StartsWith("0x" + batchTag, StringComparison.Ordinal))
            .SelectMany(d => Enumerable.Range(1, plan.BatchDigests - 1).Select(i => d[..^16] + i.ToString("x16", CultureInfo.InvariantCulture)));
        // Drawn at random (fixed seed) from every confirmed document, so verification meets documents of every batch.
        var random = new Random(7);
        var distinct = anchored.Concat(siblings).Distinct().OrderBy(d => d, StringComparer.Ordinal).OrderBy(_ => random.Next()).ToList();
        var picked = distinct.Take(plan.VerifyAnchored).ToList();
        var unknown = Enumerable.Range(0, plan.VerifyUnknown).Select(i => $"0x{run[..6]}ee{i:x56}").ToList();
        using var verifyHttp = VerificationLoad.CreateClient(api);
        var verification = new VerificationLoad(verifyHttp, picked, unknown);
        var list = Path.Combine(work, "verify-digests.txt");
        await verification.WriteListAsync(list, ct);

        // The paced run measures verification alone: the anchoring scenarios' batches must all be settled and indexed.
        Log("api: waiting until the API has no anchoring work left before verification");
        Log($"  {await WaitUntilQuietAsync(http, tally, TimeSpan.FromSeconds(60), s_settlePause, ct)}");

        // First verifications: digests nobody asked about yet, so each answer needs the chain (the API sends concurrent
        // ones at a block together in records calls). Connections are opened with digests of their own and the API is
        // warmed up with other first-time digests, each verified once (a fixed-seed order repeated every second would
        // turn the warm-up into repeats); the measured pass then verifies every digest of both sets below once, the
        // paced set included, which the paced run after it therefore verifies again.
        var firstAnchored = distinct.Take(Math.Max(plan.FirstAnchored, picked.Count)).ToList();
        var firstWarmup = distinct.Skip(firstAnchored.Count).Take(plan.FirstRate * FirstWarmupSeconds).ToList();
        var opener = new VerificationLoad(verifyHttp, [], [.. Enumerable.Range(0, PacedConnections).Select(i => $"0x{run[..6]}ed{i:x56}")]);
        await opener.OpenConnectionsAsync(PacedConnections, ct);
        Log($"api: first verification of {firstAnchored.Count} anchored and {unknown.Count} unknown digests at {plan.FirstRate} requests/s, after {firstWarmup.Count} others unmeasured");
        var warmupFirst = await new VerificationLoad(verifyHttp, firstWarmup, []).RunPacedAsync(plan.FirstRate, TimeSpan.FromSeconds((double)firstWarmup.Count / plan.FirstRate), ct);
        Log($"  unmeasured: p50 {warmupFirst.Latency.P50Ms} ms, p99 {warmupFirst.Latency.P99Ms} ms, {warmupFirst.Failures + warmupFirst.WrongAnswers} problems");
        var first = await new VerificationLoad(verifyHttp, firstAnchored, unknown).RunPacedAsync(
            plan.FirstRate, TimeSpan.FromSeconds((double)(firstAnchored.Count + unknown.Count) / plan.FirstRate), ct);
        Log($"  {first.RequestsPerSecond} requests/s, p50 {first.Latency.P50Ms} ms, p99 {first.Latency.P99Ms} ms, max {first.Latency.MaxMs} ms, "
            + $"{first.Failures} failed, {first.WrongAnswers} wrong; client send lag p99 {first.SendLag.P99Ms} ms");

        Log($"api: verification of {picked.Count} anchored and {unknown.Count} unknown digests at {plan.VerifyRate} requests/s, {plan.VerifySeconds} s");
        // Unmeasured seconds at the same rate first, so the measured run finds both processes past tiered compilation.
        // One second was not enough: the client compiles 400-500 methods in the first second at this rate and still tens
        // in the next four, and single warm-up seconds showed p99 of 30-100 ms.
        await verification.OpenConnectionsAsync(PacedConnections, ct);
        for (int second = 1; second <= WarmupSeconds; second++)
        {
            var warmup = await verification.RunPacedAsync(plan.VerifyRate, TimeSpan.FromSeconds(1), ct);
            Log($"  unmeasured warm-up second {second}: p50 {warmup.Latency.P50Ms} ms, p99 {warmup.Latency.P99Ms} ms, {warmup.Failures + warmup.WrongAnswers} problems, "
                + $"{warmup.ClientJitMethods} methods compiled in the client ({warmup.ClientJitMs} ms)");
        }

        var paced = await verification.RunPacedAsync(plan.VerifyRate, TimeSpan.FromSeconds(plan.VerifySeconds), ct);
        Log($"  {paced.RequestsPerSecond} requests/s, p50 {paced.Latency.P50Ms} ms, p99 {paced.Latency.P99Ms} ms, max {paced.Latency.MaxMs} ms "
            + $"(anchored p99 {paced.LatencyAnchored.P99Ms} ms, unknown p99 {paced.LatencyUnknown.P99Ms} ms), {paced.Failures} failed, {paced.WrongAnswers} wrong; "
            + $"client: sent p99 {paced.SendLag.P99Ms} ms / max {paced.SendLag.MaxMs} ms after schedule, {paced.ConnectionsOpenBefore} connections opened before the run and {paced.ConnectionsOpenedDuringRun} during it, "
            + $"{paced.ClientCollections} GCs ({paced.ClientGen2Collections} full) pausing {paced.ClientGcPauseMs} ms, {paced.ClientJitMethods} methods compiled ({paced.ClientJitMs} ms)");

        Log($"api: verification at saturation, {plan.VerifyConnections} connections, {plan.VerifySeconds} s");
        var saturatedRun = await wrk.RunAsync("verify.lua", 2, plan.VerifyConnections, TimeSpan.FromSeconds(plan.VerifySeconds),
            new Dictionary<string, string> { ["DIGESTS"] = Path.GetFullPath(list) }, "/", ct);
        var saturated = new SaturatedVerificationResult(
            plan.VerifyConnections,
            Math.Round(saturatedRun.DurationUs / 1e6, 3),
            saturatedRun.Requests,
            saturatedRun.StatusErrors,
            saturatedRun.SocketErrors,
            Math.Round(saturatedRun.Succeeded / (saturatedRun.DurationUs / 1e6), 1),
            WrkLatencies(saturatedRun));
        Log($"  {saturated.RequestsPerSecond} requests/s, p50 {saturated.Latency.P50Ms} ms, p99 {saturated.Latency.P99Ms} ms, {saturated.Non2xx} not 2xx");

        var reader = new RegistryClient(options, deployment.Registry);
        var spot = await verification.SpotCheckAsync(reader, plan.SpotChecks, ct);
        Log($"  spot checks against the chain: {spot.Consistent} of {spot.Checked} consistent");

        var results = new ApiResults(quick, plan, single, batch, first, paced, saturated, spot, picked.Count + unknown.Count);
        await File.WriteAllTextAsync(args.Required("--out"), JsonSerializer.Serialize(results, s_json) + "\n", ct);
        bool ok = single.Append(batch).All(r => r.AllConfirmed && r.Non2xx == 0)
            && paced.Failures + paced.WrongAnswers + first.Failures + first.WrongAnswers == 0 && saturated.Non2xx == 0 && spot.Mismatches.Count == 0;
        return ok ? 0 : 1;
    }

    private static async Task<ApiAnchorResult> AnchorScenarioAsync(
        string name, WrkRunner wrk, ChainTally tally, HttpClient http, string script, int threads, int connections, int digestsPerRequest, int seconds,
        IReadOnlyDictionary<string, string> environment, Func<int, long, string> digestOf, int stride, List<string> anchored, CancellationToken cancellationToken)
    {
        ulong startBlock = await tally.BlockNumberAsync();
        var probe = new ConfirmationProbe(http, threads, stride, digestOf);
        using var loadDone = new CancellationTokenSource();
        var probing = probe.RunAsync(TimeSpan.FromSeconds(30), loadDone.Token, cancellationToken);
        var clock = Stopwatch.StartNew();
        WrkResult load;
        try
        {
            load = await wrk.RunAsync(script, threads, connections, TimeSpan.FromSeconds(seconds), environment, "/", cancellationToken);
        }
        finally
        {
            loadDone.Cancel();
        }

        var loadEnd = clock.Elapsed;
        long accepted = load.Succeeded * digestsPerRequest;

        // Every answered document must show up in the registry's events; documents still in flight when wrk
        // stopped may add a few more.
        long onChain = 0;
        var allConfirmedAt = TimeSpan.Zero;
        while (clock.Elapsed - loadEnd < TimeSpan.FromSeconds(60))
        {
            onChain = (await tally.CountAsync(startBlock)).Documents;
            if (onChain >= accepted)
            {
                allConfirmedAt = clock.Elapsed;
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        await probing;
        var final = await tally.TallyAsync(startBlock);
        lock (anchored)
        {
            anchored.AddRange(probe.AnchoredDigests);
        }

        double loadSeconds = load.DurationUs / 1e6;
        var result = new ApiAnchorResult(
            name,
            connections,
            digestsPerRequest,
            Math.Round(loadSeconds, 3),
            load.Requests,
            load.StatusErrors,
            load.SocketErrors,
            accepted,
            Math.Round(load.Succeeded / loadSeconds, 1),
            Math.Round(accepted / loadSeconds, 1),
            WrkLatencies(load),
            final.Documents,
            allConfirmedAt > TimeSpan.Zero,
            Math.Round(allConfirmedAt.TotalSeconds, 3),
            allConfirmedAt > TimeSpan.Zero ? Math.Round((allConfirmedAt - loadEnd).TotalSeconds, 3) : 0,
            final.Transactions,
            final.Documents == 0 ? 0 : Math.Round((double)final.Gas / final.Documents, 1),
            probe.Sampled,
            probe.Confirmed.Count,
            probe.Latencies());
        Log($"  {result.DocumentsPerSecond} documents/s accepted ({result.Non2xx} not 2xx), p50 {result.ToAccepted.P50Ms} ms, p99 {result.ToAccepted.P99Ms} ms; "
            + $"{result.ConfirmedOnChain} on chain in {result.Transactions} transactions, all {(result.AllConfirmed ? $"confirmed {result.DrainSeconds} s after the load" : "NOT confirmed")}; "
            + $"accepted-to-confirmed p50 {result.ToConfirmed.P50Ms} ms, p99 {result.ToConfirmed.P99Ms} ms ({result.SampledConfirmed} of {result.Sampled} samples); {result.GasPerDocument} gas/document");
        return result;
    }

    /// <summary>Connections the paced verification client opens before it is measured.</summary>
    private const int PacedConnections = 64;

    /// <summary>Unmeasured seconds of paced verification before the measured run.</summary>
    private const int WarmupSeconds = 5;

    // Unmeasured first verifications before the measured pass.
    private const int FirstWarmupSeconds = 2;

    /// <summary>Pause after the API is quiet, before verification is measured.</summary>
    private static readonly TimeSpan s_settlePause = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits until the API's readiness report says no batch waits for the chain and its event index has reached the
    /// chain's head (or until <paramref name="limit"/>), then <paramref name="settle"/> more; returns what it saw.
    /// </summary>
    internal static async Task<string> WaitUntilQuietAsync(HttpClient http, ChainTally tally, TimeSpan limit, TimeSpan settle, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string seen;
        bool quiet;
        while (true)
        {
            var (waiting, indexed) = await ReadinessAsync(http, cancellationToken);
            ulong head = await tally.BlockNumberAsync();
            quiet = waiting == 0 && indexed >= head;
            seen = $"{(waiting is { } w ? w.ToString(CultureInfo.InvariantCulture) : "?")} batch(es) waiting for the chain, "
                + $"indexed up to block {(indexed is { } i ? i.ToString(CultureInfo.InvariantCulture) : "?")} of {head}";
            if (quiet || clock.Elapsed > limit)
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        var waited = clock.Elapsed;
        await Task.Delay(settle, cancellationToken);
        return quiet
            ? $"quiet after {waited.TotalSeconds:0.0} s ({seen}), then {settle.TotalSeconds:0.#} s settling"
            : $"NOT quiet after {waited.TotalSeconds:0.0} s ({seen}); measuring anyway after {settle.TotalSeconds:0.#} s settling";
    }

    /// <summary>
    /// Batches waiting for the chain and the last indexed block, from the <c>data</c> of the database and index checks
    /// of GET /health/ready (null when not stated).
    /// </summary>
    private static async Task<(long? Waiting, ulong? Indexed)> ReadinessAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready", cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var checks = json.RootElement.GetProperty("checks");
            JsonElement? Number(string check, string key)
                => checks.TryGetProperty(check, out var c) && c.TryGetProperty("data", out var data)
                    && data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value : null;
            return (
                Number("database", "batchesWaiting") is { } waiting && waiting.TryGetInt64(out var w) ? w : null,
                Number("index", "indexedBlock") is { } indexed && indexed.TryGetUInt64(out var i) ? i : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    // About 50 sampled documents a second at the rates each concurrency reaches, so the probe stays a small load.
    private static int StrideFor(int connections) => connections switch
    {
        <= 1 => 40,
        <= 16 => 150,
        <= 64 => 250,
        _ => 300,
    };

    internal static Latencies WrkLatencies(WrkResult run) => new((int)Math.Min(int.MaxValue, run.Requests), Math.Round(run.P50Us / 1000.0, 1), Math.Round(run.P99Us / 1000.0, 1), Math.Round(run.MaxUs / 1000.0, 1));

    internal static string RandomTag() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    internal static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
