using System.Text.Json;
using System.Text.Json.Serialization;
using EthGov.Chain.Transactions;

namespace EthGov.LoadTest.Chain;

/// <summary>Sizes of one run of the chain benchmarks.</summary>
/// <remarks>
/// The baseline runs twice: one document at a time (the plainest naive client, latency without queueing)
/// and with 16 in flight (pipelined through the sender's ordered nonces); EthGov is compared with the faster.
/// </remarks>
internal sealed record ChainRunPlan(int Documents, int LargeDocuments, int BatchSize, IReadOnlyList<int> BaselineConcurrency, int BatchesInFlight, int CliFiles, TimeSpan TimeLimit)
{
    public static ChainRunPlan Quick { get; } = new(500, 20_000, 1024, [1, 16], 4, 2_000, TimeSpan.FromMinutes(2));

    public static ChainRunPlan Full { get; } = new(2_000, 100_000, 1024, [1, 16], 4, 10_000, TimeSpan.FromMinutes(15));
}

/// <summary>How EthGov's batches compare with one transaction per document, and the targets.</summary>
internal sealed record Comparison(
    double ThroughputRatio,
    double LargeThroughputRatio,
    double GasRatio,
    bool ThroughputTargetMet,
    bool GasTargetMet,
    bool? CliTargetMet);

/// <summary>Everything the chain benchmarks measured in one run on one node.</summary>
internal sealed record ChainResults(
    bool Quick,
    ChainRunPlan Plan,
    IReadOnlyList<SingleAnchorResult> Baselines,
    SingleAnchorResult Baseline,
    BatchedResult Batched,
    BatchedResult BatchedLarge,
    CliResult? Cli,
    Comparison Comparison);

/// <summary>Runs the scenarios one after another against the same node, each on a fresh registry.</summary>
internal static class ChainRun
{
    /// <summary>Issue 7: at least 100x the documents per second, at most 1/100 of the gas per document.</summary>
    public const double RequiredRatio = 100;

    /// <summary>Issue 4: <c>ethgov anchor</c> on 10,000 small files in at most 10 s.</summary>
    public const double CliTargetSeconds = 10;

    public const int CliTargetFiles = 10_000;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(Arguments args)
    {
        bool quick = args.Flag("--quick");
        var plan = quick ? ChainRunPlan.Quick : ChainRunPlan.Full;
        plan = plan with
        {
            Documents = args.Int("--documents", plan.Documents),
            LargeDocuments = args.Int("--large-documents", plan.LargeDocuments),
            CliFiles = args.Int("--cli-files", plan.CliFiles),
            BaselineConcurrency = args.Value("--baseline-concurrency") is { } list
                ? [.. list.Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))]
                : plan.BaselineConcurrency,
        };
        var rpc = new Uri(args.Required("--rpc"));
        if (!rpc.IsLoopback)
        {
            throw new ArgumentException("the benchmarks send traffic to loopback only");
        }

        var outPath = args.Required("--out");
        // A fixed legacy gas price (as on a free-gas Besu network) skips the EIP-1559 fee suggestion per transaction.
        long? gasPrice = args.Value("--gas-price-wei") is { } price ? long.Parse(price, System.Globalization.CultureInfo.InvariantCulture) : null;
        var options = new ChainOptions { RpcUrl = rpc, ChainId = ChainOptions.DevAccountsChainId, GasPriceWei = gasPrice };
        using var limit = new CancellationTokenSource(plan.TimeLimit);
        var ct = limit.Token;

        var baselines = new List<SingleAnchorResult>();
        foreach (int concurrency in plan.BaselineConcurrency)
        {
            Log($"baseline: {plan.Documents} documents, one transaction each, {concurrency} in flight");
            var run = await SingleAnchorBaseline.RunAsync(options, plan.Documents, concurrency, ct);
            Log($"  {run.DocumentsPerSecond} documents/s, {run.GasPerDocument} gas/document, p50 {run.SubmitToConfirmed.P50Ms} ms, p99 {run.SubmitToConfirmed.P99Ms} ms");
            baselines.Add(run);
        }

        // EthGov is held against the best the naive way achieved.
        var baseline = baselines.MaxBy(b => b.DocumentsPerSecond)!;

        Log($"batched: {plan.Documents} documents in batches of {plan.BatchSize}");
        var batched = await BatchedAnchoring.RunAsync(options, "batched", plan.Documents, plan.BatchSize, plan.BatchesInFlight, ct);
        Log($"  {batched.DocumentsPerSecond} documents/s, {batched.GasPerDocument} gas/document, all confirmed in {batched.ElapsedSeconds} s");

        Log($"batched: {plan.LargeDocuments} documents in batches of {plan.BatchSize}");
        var large = await BatchedAnchoring.RunAsync(options, "batched-large", plan.LargeDocuments, plan.BatchSize, plan.BatchesInFlight, ct);
        Log($"  {large.DocumentsPerSecond} documents/s, {large.GasPerDocument} gas/document, all confirmed in {large.ElapsedSeconds} s");

        CliResult? cli = null;
        if (args.Value("--cli") is { } cliDll)
        {
            Log($"ethgov anchor: {plan.CliFiles} files");
            var work = args.Value("--work") ?? Path.Combine(Path.GetTempPath(), $"ethgov-bench-{Environment.ProcessId}");
            cli = await CliAnchoring.RunAsync(cliDll, args.Required("--departments"), rpc, work, plan.CliFiles, ct);
            Log($"  {cli.Anchored} documents in {cli.ElapsedSeconds} s ({cli.Batches} transactions)");
        }

        var comparison = new Comparison(
            Ratio(batched.DocumentsPerSecond, baseline.DocumentsPerSecond),
            Ratio(large.DocumentsPerSecond, baseline.DocumentsPerSecond),
            Ratio(baseline.GasPerDocument, large.GasPerDocument),
            Ratio(large.DocumentsPerSecond, baseline.DocumentsPerSecond) >= RequiredRatio,
            Ratio(baseline.GasPerDocument, large.GasPerDocument) >= RequiredRatio,
            cli is null || cli.Files < CliTargetFiles ? null : cli.ElapsedSeconds <= CliTargetSeconds);
        var results = new ChainResults(quick, plan, baselines, baseline, batched, large, cli, comparison);
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(results, s_json) + "\n", ct);
        Log($"throughput ratio {comparison.LargeThroughputRatio}x ({comparison.ThroughputRatio}x at {plan.Documents} documents), gas ratio {comparison.GasRatio}x; written to {outPath}");
        return baselines.Sum(b => b.Failures) + batched.Failures + large.Failures == 0 ? 0 : 1;
    }

    private static double Ratio(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 1);

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
