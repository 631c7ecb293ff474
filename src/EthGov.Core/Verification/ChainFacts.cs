using EthGov.Core.Digests;

namespace EthGov.Core.Verification;

/// <summary>
/// What the chain said about a document of one department: its stored record (for a batch, after its
/// proof was checked) with the status the registry's rule gives it (<see cref="DocumentStatusRule"/>), as the
/// contract's <c>check</c> or <c>checkInBatch</c> would answer, plus when it was read and, when known, the
/// department's code and name and the network it was read from.
/// </summary>
/// <remarks>
/// The contract encodes "none" as zero (validUntil 0, successor 0); here those become null or
/// <see cref="Digest.Zero"/> so callers cannot mistake 1970 for a date. Use
/// <see cref="ChainTime.FromSecondsOrNone"/> when converting the contract's <c>uint64</c> times.
/// </remarks>
public sealed record ChainFacts
{
    /// <summary>Status by the registry's rule at <see cref="ReadAtBlock"/>.</summary>
    public required DocumentStatus Status { get; init; }

    /// <summary>The department asked about (the issuer when the document is anchored); 0 when none was asked.</summary>
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

    /// <summary>The department's id of the key that anchored the document; 0 when unknown.</summary>
    public ushort KeyId { get; init; }

    /// <summary>When the anchoring key's reported compromise began; null when it was never reported.</summary>
    public DateTimeOffset? KeyCompromisedSince { get; init; }

    /// <summary>What the chain says about the stated anchoring transaction, when one was stated and read.</summary>
    public AnchoringTransaction? Transaction { get; init; }

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

    /// <summary>
    /// For a document of the registry 1.x this registry took over from: the cut-over block (the 1.x registry was read
    /// just before it); null for this registry's own documents.
    /// </summary>
    public ulong? LegacyCutoverBlock { get; init; }
}
