namespace EthGov.Api.Outbox;

/// <summary>How the outbox groups accepted documents into anchoring transactions (section "EthGov:Outbox").</summary>
public sealed class OutboxOptions
{
    /// <summary>The batcher forms batches at least this often.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The batcher starts early once this many documents wait.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>No Merkle batch holds more documents than this.</summary>
    public int MaxBatchSize { get; set; } = 50_000;

    /// <summary>
    /// Documents whose batch trees are kept in memory for proofs (receipts, verification by digest), about 105 bytes
    /// each; the least recently used batch's tree goes first and is rebuilt from the stored membership when asked for.
    /// </summary>
    public int ProofCacheDocuments { get; set; } = 4_000_000;

    /// <summary>First pause after a failed submission; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests the writer may hold before new ones wait (back-pressure instead of unbounded memory).</summary>
    public int QueueCapacity { get; set; } = 65_536;
}
