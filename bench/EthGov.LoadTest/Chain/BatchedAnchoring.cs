using System.Collections.Concurrent;
using System.Diagnostics;
using EthGov.Chain.Transactions;
using EthGov.Core.Merkle;

namespace EthGov.LoadTest.Chain;

/// <summary>What EthGov's way achieved: Merkle batches, one <c>anchorBatch</c> transaction each.</summary>
internal sealed record BatchedResult(
    int Documents,
    int BatchSize,
    int Batches,
    int BatchesInFlight,
    int Failures,
    string? FirstError,
    double ElapsedSeconds,
    double DocumentsPerSecond,
    double GasPerDocument,
    ulong MaxGasPerBatch,
    Latencies BatchSubmitToConfirmed);

/// <summary>
/// The same documents anchored the EthGov way: each batch's tree and every proof (what its receipts need)
/// are built, then its root is sent with <c>AnchorBatchAsync</c>. The clock runs from the first tree
/// to the last confirmation, so <see cref="BatchedResult.ElapsedSeconds"/> is the time until all are confirmed.
/// </summary>
internal static class BatchedAnchoring
{
    public static async Task<BatchedResult> RunAsync(ChainOptions options, string scenario, int documents, int batchSize, int inFlight, CancellationToken cancellationToken)
    {
        var client = await FreshRegistry.DeployAsync(options, cancellationToken);
        var warmup = MerkleTree.Build(BenchDigests.For(scenario + "-warmup", 2));
        (await client.Documents.AnchorBatchAsync(warmup.Root, warmup.Count, cancellationToken: cancellationToken)).Unwrap();

        var batches = BenchDigests.For(scenario, documents).Chunk(batchSize).ToArray();
        var latencies = new ConcurrentBag<TimeSpan>();
        long gas = 0, anchored = 0, maxBatchGas = 0;
        int failures = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                long start = Stopwatch.GetTimestamp();
                var tree = MerkleTree.Build(batch);
                _ = tree.GetAllProofs();
                var result = await client.Documents.AnchorBatchAsync(tree.Root, tree.Count, cancellationToken: ct);
                if (result.IsSuccess)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start));
                    Interlocked.Add(ref gas, (long)result.Value.GasUsed);
                    Interlocked.Add(ref anchored, tree.Count);
                    InterlockedMax(ref maxBatchGas, (long)result.Value.GasUsed);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, result.Error.ToString(), null);
                }
            });
        clock.Stop();

        return new BatchedResult(
            documents,
            batchSize,
            batches.Length,
            inFlight,
            failures,
            firstError,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            Math.Round(anchored / clock.Elapsed.TotalSeconds, 1),
            anchored == 0 ? 0 : Math.Round((double)gas / anchored, 1),
            (ulong)maxBatchGas,
            Latencies.Of(latencies));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
