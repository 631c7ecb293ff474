namespace EthGov.Core.Verification;

/// <summary>The overall answer to "can I trust this document?".</summary>
public enum VerdictOutcome
{
    /// <summary>Anchored by a known department, not revoked, superseded or expired, and everything given agrees.</summary>
    Valid,

    /// <summary>The chain does not know the document (or its issuer).</summary>
    Unknown,

    /// <summary>Revoked by its issuing department.</summary>
    Revoked,

    /// <summary>Anchored, but its validity has ended.</summary>
    Expired,

    /// <summary>Replaced by a newer document.</summary>
    Superseded,

    /// <summary>
    /// Anchored by a key its department (or the quorum of departments) reported compromised since a time at or before
    /// the anchoring: whoever held the stolen key may have issued it, so it is not valid.
    /// </summary>
    KeyCompromised,

    /// <summary>
    /// What was given contradicts itself or the chain: the file is not the receipt's document, the
    /// receipt's proof does not lead to its root, or the receipt disagrees with the chain. Reported
    /// before any status, because the status would then be about some other document.
    /// </summary>
    Mismatch,

    /// <summary>
    /// The chain does not know the digest on its own, and the issuing department's node, which holds the batch proof
    /// that would find it in a batch, could not be reached in time. Not a sign of forgery: ask again later, or verify
    /// with the receipt or the document's link, which carry the proof.
    /// </summary>
    Unreachable,
}
