using System.Collections.Concurrent;
using System.Diagnostics;
using EthGov.Chain.Transactions;

namespace EthGov.LoadTest.Chain;

/// <summary>What the naive way achieved: one <c>anchor</c> transaction per document.</summary>
internal sealed record SingleAnchorResult(
    int Documents,
    int Concurrency,
    int Failures,
    string? FirstError,
    double ElapsedSeconds,
    double DocumentsPerSecond,
    double GasPerDocument,
    Latencies SubmitToConfirmed);

/// <summary>
/// The baseline of issue 7: what most registries (and EBSI's timestamp API) do, one transaction per
/// document, sent from C# through the same <c>RegistryClient</c> EthGov uses. Up to
/// <c>concurrency</c> documents are in flight at once; the sender still assigns nonces in order, so
/// the baseline gets the benefit of pipelining rather than paying one round trip per document.
/// </summary>
internal static class SingleAnchorBaseline
{
    public static async Task<SingleAnchorResult> RunAsync(ChainOptions options, int documents, int concurrency, CancellationToken cancellationToken)
    {
        var client = await FreshRegistry.DeployAsync(options, cancellationToken);
        // One anchor before the clock starts, so JIT and connection set-up are not counted.
        (await client.Documents.AnchorAsync(BenchDigests.For("single-warmup", 1)[0], cancellationToken: cancellationToken)).Unwrap();

        var digests = BenchDigests.For("single", documents);
        var latencies = new ConcurrentBag<TimeSpan>();
        long gas = 0;
        int failures = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, documents),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                long start = Stopwatch.GetTimestamp();
                var result = await client.Documents.AnchorAsync(digests[i], cancellationToken: ct);
                if (result.IsSuccess)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start));
                    Interlocked.Add(ref gas, (long)result.Value.GasUsed);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, result.Error.ToString(), null);
                }
            });
        clock.Stop();

        int anchored = documents - failures;
        return new SingleAnchorResult(
            documents,
            concurrency,
            failures,
            firstError,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            Math.Round(anchored / clock.Elapsed.TotalSeconds, 1),
            anchored == 0 ? 0 : Math.Round((double)gas / anchored, 1),
            Latencies.Of(latencies));
    }
}
