namespace EthGov.Core.Verification;

/// <summary>The names of the checks in a <see cref="Verdict"/>, in the order they are reported.</summary>
public static class CheckNames
{
    /// <summary>The file's digest equals the digest in question and the receipt's digest.</summary>
    public const string DigestMatches = "digest-matches";

    /// <summary>The receipt's batch proof recomputes its root from the digest.</summary>
    public const string ProofValid = "proof-valid";

    /// <summary>Which department the chain was asked about, and how it was chosen.</summary>
    public const string IssuerNamed = "issuer-named";

    /// <summary>The chain knows the digest, directly or through its batch root.</summary>
    public const string Anchored = "anchored";

    /// <summary>The issuing department exists in the registry.</summary>
    public const string IssuerKnown = "issuer-known";

    /// <summary>The issuing department is active, or suspended after issuing.</summary>
    public const string IssuerStatus = "issuer-status";

    /// <summary>The key that anchored the document was not reported compromised at the anchoring.</summary>
    public const string KeyNotCompromised = "key-not-compromised";

    /// <summary>The document has not been revoked.</summary>
    public const string NotRevoked = "not-revoked";

    /// <summary>The document's validity has not ended at chain time.</summary>
    public const string NotExpired = "not-expired";

    /// <summary>No newer document replaces this one.</summary>
    public const string NotSuperseded = "not-superseded";

    /// <summary>The receipt's department, block, times and network agree with the chain.</summary>
    public const string ReceiptMatchesChain = "receipt-matches-chain";

    /// <summary>The stated anchoring transaction is on chain, in the stated block, sent to the registry, and anchored this document.</summary>
    public const string TransactionMatches = "transaction-matches";

    /// <summary>All names in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DigestMatches, ProofValid, IssuerNamed, Anchored, IssuerKnown, IssuerStatus,
        KeyNotCompromised, NotRevoked, NotExpired, NotSuperseded, ReceiptMatchesChain, TransactionMatches,
    ];
}
