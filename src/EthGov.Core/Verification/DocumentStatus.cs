namespace EthGov.Core.Verification;

/// <summary>
/// A document's status as the registry derives it (docs/decisions.md, decision 5). The numeric values equal the
/// contract's <c>DocumentStatus</c> enum so a value read from the chain converts by cast.
/// </summary>
public enum DocumentStatus
{
    /// <summary>Not anchored, or a batch proof that does not lead to an anchored root.</summary>
    Unknown = 0,

    /// <summary>Anchored, not expired, revoked or superseded.</summary>
    Valid = 1,

    /// <summary>Its validUntil has passed.</summary>
    Expired = 2,

    /// <summary>Revoked by its issuing department, with a reason code.</summary>
    Revoked = 3,

    /// <summary>Replaced by a newer digest from the same department.</summary>
    Superseded = 4,

    /// <summary>Anchored by a key that its department (or the quorum) reported compromised at or before the anchoring.</summary>
    KeyCompromised = 5,
}
