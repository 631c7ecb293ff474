namespace EthGov.LoadTest.Storage;

/// <summary>Lengths of the storage case, in seconds, and its connections and request sizes.</summary>
internal sealed record StorageRunPlan(
    int WarmupSeconds, int SingleConnections, int SingleSeconds, int BatchDigests, int BatchConnections, int BatchSeconds, int FailoverSeconds,
    int KillAfterSeconds)
{
    public static StorageRunPlan Quick { get; } = new(5, 64, 8, 1000, 16, 8, 24, 6);

    public static StorageRunPlan Full { get; } = new(10, 64, 15, 1000, 16, 15, 40, 10);
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
    StorageAnchorResult SqliteBatch,
    StorageAnchorResult PostgresSingle,
    StorageAnchorResult PostgresBatch,
    StorageAnchorResult ReplicasSingle,
    StorageAnchorResult ReplicasBatch,
    FailoverResult Failover,
    StorageAnchorResult PostgresSingleAgain,
    StorageAnchorResult PostgresBatchAgain,
    IReadOnlyDictionary<string, MaintenanceRecord> Maintenance);
