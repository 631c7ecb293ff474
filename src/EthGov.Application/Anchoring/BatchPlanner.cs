namespace EthGov.Application.Anchoring;

/// <summary>
/// Cuts the documents waiting to be anchored into batches: runs of at most a given size, in order, each sent as one
/// <see cref="AnchorBatch"/>. The API plans per department and validity (<c>EthGov:Outbox:MaxBatchSize</c>, 50,000 by
/// default), <c>ethgov anchor</c> per run (<c>--batch-size</c>, 1,024 by default); neither forms a batch above
/// <see cref="MaxBatchSize"/>.
/// </summary>
public static class BatchPlanner
{
    /// <summary>
    /// The most documents one batch holds: its proofs are 17 hashes, its receipts a few kilobytes, and its tree is
    /// built in a few tens of milliseconds.
    /// </summary>
    public const int MaxBatchSize = 100_000;

    /// <summary>Whether <paramref name="batchSize"/> is a batch size EthGov forms: 1 to <see cref="MaxBatchSize"/>.</summary>
    public static bool IsValidBatchSize(int batchSize) => batchSize is >= 1 and <= MaxBatchSize;

    /// <summary>
    /// <paramref name="waiting"/> cut, in order, into batches of <paramref name="batchSize"/> (the last one smaller).
    /// Each item stands for one distinct document.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not <see cref="IsValidBatchSize"/>.</exception>
    public static IEnumerable<T[]> Plan<T>(IEnumerable<T> waiting, int batchSize)
    {
        if (!IsValidBatchSize(batchSize))
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"a batch holds 1 to {MaxBatchSize} documents");
        }

        return waiting.Chunk(batchSize);
    }
}
