using EthGov.Core.Digests;

namespace EthGov.Core.Verification;

/// <summary>
/// What the chain said about a document: the contract's <c>DocumentView</c> (from <c>check</c>, or
/// <c>checkInBatch</c> for a batch receipt) plus when it was read and, when known, the issuing
/// department's code and name and the network it was read from.
/// </summary>
/// <remarks>
/// The contract encodes "none" as zero (validUntil 0, successor 0); here those become null or
/// <see cref="Digest.Zero"/> so callers cannot mistake 1970 for a date. Use
/// <see cref="FromUnixSeconds"/> when converting the contract's <c>uint64</c> times.
/// </remarks>
public sealed record ChainFacts
{
    /// <summary>Status derived by the contract at <see cref="ReadAtBlock"/>.</summary>
    public required DocumentStatus Status { get; init; }

    /// <summary>Issuing department id; 0 when the document is unknown.</summary>
    public uint DepartmentId { get; init; }

    /// <summary>Issuing department's current standing.</summary>
    public DepartmentStatus DepartmentStatus { get; init; }

    /// <summary>Timestamp of the anchoring block; null when the document is unknown.</summary>
    public DateTimeOffset? AnchoredAt { get; init; }

    /// <summary>Anchoring block number; 0 when the document is unknown.</summary>
    public ulong AnchoredBlock { get; init; }

    /// <summary>End of validity; null when the document does not expire.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>Revocation reason code; meaningful only when the document is revoked.</summary>
    public ushort RevocationReason { get; init; }

    /// <summary>The digest that superseded this one, or <see cref="Digest.Zero"/>.</summary>
    public Digest Successor { get; init; }

    /// <summary>Block at which the facts were read.</summary>
    public required ulong ReadAtBlock { get; init; }

    /// <summary>Timestamp of that block: expiry is judged by chain time, as the contract judges it.</summary>
    public required DateTimeOffset ReadAtTime { get; init; }

    /// <summary>The issuing department's code, when it was read.</summary>
    public string? DepartmentCode { get; init; }

    /// <summary>The issuing department's name, when it was read.</summary>
    public string? DepartmentName { get; init; }

    /// <summary>Chain id of the network read, when known, to compare with a receipt.</summary>
    public ulong? ChainId { get; init; }

    /// <summary>Registry address read, when known, to compare with a receipt.</summary>
    public string? Registry { get; init; }

    /// <summary>Converts a contract time (Unix seconds, 0 meaning none) to a time or null; see <see cref="ChainTime"/> for times after 9999.</summary>
    public static DateTimeOffset? FromUnixSeconds(ulong seconds) =>
        seconds == 0 ? null : ChainTime.FromSeconds(seconds);
}
