using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EthGov.Benchmarks;
using Perfolizer.Horology;

// Usage: EthGov.Benchmarks [--quick] [--out <results.json>] [--filter <text in the case name>]
// In process: no per-benchmark project is generated and built, which keeps the quick run far under a
// minute on two cores; the price is less isolation, acceptable on a machine shared with other builds anyway.
var quick = args.Contains("--quick");
var outPath = ValueOf("--out") ?? Path.Combine("out", "bench", "micro.json");
var filter = ValueOf("--filter");
BenchmarkMode.Quick = quick;

var job = quick
    ? Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))
    : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
var config = DefaultConfig.Instance
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "Quick" : "Full"))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, "BenchmarkDotNet.Artifacts"))
    .WithOptions(ConfigOptions.DisableLogFile);

Type[] all = [typeof(DigestBenchmarks), typeof(MerkleBenchmarks), typeof(ProofBenchmarks), typeof(ReceiptBenchmarks), typeof(SigningBenchmarks), typeof(HpkeBenchmarks), typeof(HttpSignatureBenchmarks)];
var types = filter is null ? all : [.. all.Where(t => t.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))];
var summaries = BenchmarkRunner.Run(types, config);
var results = MicroResults.From(summaries);
MicroResults.Write(outPath, quick, results);
Console.WriteLine($"{results.Count} micro benchmark results written to {outPath}");
return results.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;

string? ValueOf(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
