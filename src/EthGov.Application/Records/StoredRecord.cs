using EthGov.Core.Digests;

namespace EthGov.Application.Records;

/// <summary>A record the node keeps, decrypted; after erasure only the tombstone's fields are left.</summary>
/// <param name="Digest">SHA-256 of the content: the record's id.</param>
/// <param name="Department">The department that keeps it.</param>
/// <param name="Kind">Its kind, or null.</param>
/// <param name="MediaType">The content's media type.</param>
/// <param name="Subject">The address of the person it concerns (0x, lowercase), or null (also once erased).</param>
/// <param name="SubjectSalt">The salt of its subject commitment, or null.</param>
/// <param name="Origin">Issued here or received.</param>
/// <param name="ExchangeId">For a received record, the exchange that brought it.</param>
/// <param name="RetainUntil">When its content is erased by the sweeper, or null to keep it until erased by request.</param>
/// <param name="CreatedAt">When it was kept.</param>
/// <param name="ErasedAt">When its content was erased, or null.</param>
/// <param name="Size">The content's length in bytes, as kept.</param>
/// <param name="Content">The content, or null when erased or not loaded (listings).</param>
public sealed record StoredRecord(
    Digest Digest,
    uint Department,
    string? Kind,
    string MediaType,
    string? Subject,
    byte[]? SubjectSalt,
    RecordOrigin Origin,
    string? ExchangeId,
    DateTimeOffset? RetainUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ErasedAt,
    long Size,
    byte[]? Content)
{
    /// <summary>True once the content is erased (the tombstone is all that is left).</summary>
    public bool IsErased => ErasedAt is not null;
}
