namespace EthGov.Core.Verification;

/// <summary>Where a batch proof given without a receipt came from. Either way it is only a claim the chain settles.</summary>
public enum ProofSource
{
    /// <summary>The document's link (its QR code) or the request carried it.</summary>
    Link,

    /// <summary>The issuing department's node gave it, through its public receipt route.</summary>
    IssuerNode,
}
