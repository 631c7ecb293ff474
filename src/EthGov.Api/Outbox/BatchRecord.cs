using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// A group of one department's documents sent in one transaction: <c>anchor</c> when it holds one
/// document, <c>anchorBatch</c> of the Merkle root otherwise. Immutable; a new state is a new record.
/// </summary>
public sealed record BatchRecord(
    long Id,
    uint DepartmentId,
    ulong ValidUntil,
    Digest Root,
    Digest[] Members,
    BatchState State,
    int Attempts,
    string? Error,
    string? TransactionHash,
    ulong? BlockNumber,
    string? BlockHash,
    DateTimeOffset? BlockTime,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whether the batch is a lone document anchored with <c>anchor</c>.</summary>
    public bool IsSingle => Members.Length == 1;

    /// <summary>When the batcher may try again after a failure.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }
}
