using EthGov.Core.Digests;

namespace EthGov.Application.Records;

/// <summary>
/// A record to keep: its content and what the store keeps beside it. <see cref="Person"/> is never stored as given,
/// only as an HMAC under the node's data key; <see cref="Subject"/> is stored encrypted.
/// </summary>
/// <param name="Digest">SHA-256 of <paramref name="Content"/>; the store refuses content that does not match.</param>
/// <param name="Department">The department that keeps it (the issuer for issued records, the grantee for received ones).</param>
/// <param name="MediaType">The content's media type, served back with it.</param>
/// <param name="Content">The bytes.</param>
/// <param name="Origin">Issued here or received from another node.</param>
public sealed record RecordContent(Digest Digest, uint Department, string MediaType, ReadOnlyMemory<byte> Content, RecordOrigin Origin = RecordOrigin.Issued)
{
    /// <summary>The record's kind (see <c>Core.Records.RecordKind</c>), or null for a file of no declared kind.</summary>
    public string? Kind { get; init; }

    /// <summary>The address of the person the record concerns, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The salt of the record's subject commitment (JSON records), or null.</summary>
    public byte[]? SubjectSalt { get; init; }

    /// <summary>An identifier of the person the record concerns, to find it by (kind queries), or null.</summary>
    public string? Person { get; init; }

    /// <summary>For a received record, the exchange that brought it.</summary>
    public string? ExchangeId { get; init; }

    /// <summary>When the content is erased; null takes the kind's retention (<see cref="RecordsOptions.Retention"/>), if any.</summary>
    public DateTimeOffset? RetainUntil { get; init; }
}
