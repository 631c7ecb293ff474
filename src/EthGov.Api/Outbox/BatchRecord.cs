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

    /// <summary>
    /// The registry 1.x the batch was anchored in, before a migration to registry 2 (its receipts keep naming it); null
    /// for the deployment's own registry.
    /// </summary>
    public string? Registry { get; init; }

    /// <summary>The department's id in <see cref="Registry"/>, which the receipts name; null when it is <see cref="DepartmentId"/>.</summary>
    public uint? IssuerId { get; init; }

    /// <summary>The department id the batch's receipts and the registry it was anchored in know it by.</summary>
    public uint AnchoringDepartmentId => IssuerId ?? DepartmentId;
}
