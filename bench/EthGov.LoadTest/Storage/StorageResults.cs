namespace EthGov.LoadTest.Storage;

/// <summary>
/// Lengths of the storage case, in seconds, its connections and request sizes, and how many rounds of requests of 1,000 the
/// node on SQLite and on PostgreSQL take in turn.
/// </summary>
internal sealed record StorageRunPlan(
    int WarmupSeconds, int SingleConnections, int SingleSeconds, int BatchDigests, int BatchConnections, int BatchSeconds, int FailoverSeconds,
    int KillAfterSeconds, int BatchRounds)
{
    public static StorageRunPlan Quick { get; } = new(5, 64, 8, 1000, 16, 8, 24, 6, 2);

    public static StorageRunPlan Full { get; } = new(10, 64, 15, 1000, 16, 15, 40, 10, 3);
}

/// <summary>
/// kill -9 of the replica holding the lease under load: when the lease moved and when the first batch formed after the kill
/// was confirmed (seconds from the kill), whether its root is in the registry's events, and whether every document the
/// outbox holds ended in a confirmed batch.
/// </summary>
internal sealed record FailoverResult(
    string KilledReplica,
    int KilledPid,
    long EpochBefore,
    long EpochAfter,
    double KilledAtSeconds,
    double LeaseTakenSeconds,
    double NextConfirmedBatchSeconds,
    long NextBatchId,
    bool NextBatchOnChain,
    bool Settled,
    long OutboxRows,
    long ConfirmedRows,
    StorageAnchorResult Load);

/// <summary>Everything the storage case measured in one run.</summary>
internal sealed record StorageResults(
    bool Quick,
    StorageRunPlan Plan,
    IReadOnlyDictionary<string, string> Postgres,
    IReadOnlyList<StorageAnchorResult> Reference,
    IReadOnlyList<StorageAnchorResult> ReferencePipeline,
    StorageAnchorResult SqliteSingle,
    IReadOnlyList<StorageAnchorResult> SqliteBatch,
    StorageAnchorResult PostgresSingle,
    IReadOnlyList<StorageAnchorResult> PostgresBatch,
    StorageAnchorResult ReplicasSingle,
    IReadOnlyList<StorageAnchorResult> ReplicasBatch,
    FailoverResult Failover,
    StorageAnchorResult PostgresSingleAgain,
    IReadOnlyList<StorageAnchorResult> PostgresBatchAgain,
    IReadOnlyDictionary<string, MaintenanceRecord> Maintenance);
