using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Core.Verification;

/// <summary>What a verifier was given: the digest in question, and optionally a file's digest and a receipt to hold against it.</summary>
/// <param name="Digest">The digest the chain facts were read for.</param>
public sealed record VerificationRequest(Digest Digest)
{
    /// <summary>SHA-256 of the file the person holds, when they gave one.</summary>
    public Digest? FileDigest { get; init; }

    /// <summary>The receipt the person holds, when they gave one.</summary>
    public Receipt? Receipt { get; init; }

    /// <summary>
    /// The anchoring transaction as stated by the receipt, or, without one, by the record of the service that sent it;
    /// null when nobody states one.
    /// </summary>
    public StatedTransaction? Transaction { get; init; }

    /// <summary>The transaction to check: <see cref="Transaction"/>, else the receipt's.</summary>
    public StatedTransaction? StatedTransaction => Transaction ?? (Receipt is { } r ? new StatedTransaction(r.TransactionHash, r.BlockNumber, r.BlockHash, r.Registry) : null);

    /// <summary>A batch proof given without a receipt (by the document's link or the issuer's node), when there is one.</summary>
    public StatedProof? Proof { get; init; }

    /// <summary>When issuer nodes were asked for a proof and none gave a usable one: what they answered.</summary>
    public ProofLookupFailure? ProofLookup { get; init; }

    /// <summary>The batch root the facts were read under: the receipt's, else the stated proof's; null for a single anchor.</summary>
    public Digest? BatchRoot => Receipt?.Batch?.Root ?? Proof?.Root;

    /// <summary>How the department the facts are about was chosen.</summary>
    public IssuerSource IssuerSource { get; init; } = IssuerSource.Receipt;

    /// <summary>
    /// For <see cref="IssuerSource.Search"/>: the facts of every department that anchored the digest on its own (the
    /// chosen one among them), so the verdict can name them all.
    /// </summary>
    public IReadOnlyList<ChainFacts> Issuers { get; init; } = [];
}
