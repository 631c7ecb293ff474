namespace EthGov.Core.Verification;

/// <summary>
/// How a verifier chose the department whose namespace it read: registry 2.0 keeps each department's documents apart,
/// so the chain is always asked about one issuer.
/// </summary>
public enum IssuerSource
{
    /// <summary>The receipt names the issuer.</summary>
    Receipt,

    /// <summary>The person asking named the department.</summary>
    Requested,

    /// <summary>The service that answers anchored the document itself, for that department.</summary>
    Outbox,

    /// <summary>Every department was asked whether it anchored the digest on its own.</summary>
    Search,

    /// <summary>
    /// No department anchored the digest on its own, so every active department's node was asked for a batch proof,
    /// and the department whose node gave one was read.
    /// </summary>
    NodeSearch,
}
