using EthGov.Core.Digests;

namespace EthGov.Api.Indexing;

/// <summary>
/// One registry event as the index keeps it: where it happened, which record, grant and departments it concerns
/// (for the audit queries) and its remaining fields as JSON.
/// </summary>
public sealed record IndexedEvent(
    ulong BlockNumber,
    string BlockHash,
    string TransactionHash,
    long LogIndex,
    DateTimeOffset BlockTime,
    string Name,
    Digest? RecordId,
    long? GrantId,
    uint? Department,
    uint? OtherDepartment,
    IReadOnlyDictionary<string, object?> Data);
