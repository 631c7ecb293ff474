using EthGov.Core.Digests;

namespace EthGov.Core.Receipts;

/// <summary>
/// Proof of anchoring handed to whoever holds a document (docs/decisions.md, decision 8): with it and any
/// JSON-RPC endpoint the document can be verified without an EthGov server. Its JSON form is
/// described by <c>schemas/receipt.schema.json</c>; read it with <see cref="ReceiptReader"/> and
/// write it with <see cref="ReceiptWriter"/>.
/// </summary>
public sealed record Receipt
{
    /// <summary>The only receipt format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version; readers refuse versions they do not know rather than guess.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>SHA-256 digest of the document.</summary>
    public required Digest Digest { get; init; }

    /// <summary>The department that anchored the document.</summary>
    public required ReceiptIssuer Issuer { get; init; }

    /// <summary>Chain id of the network holding the registry.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>Address of the EthGov registry contract: <c>0x</c> + 40 hex digits.</summary>
    public required string Registry { get; init; }

    /// <summary>Hash of the anchoring transaction.</summary>
    public required Digest TransactionHash { get; init; }

    /// <summary>Block that holds the anchoring transaction.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>Hash of that block, so a reorganised chain is noticed.</summary>
    public required Digest BlockHash { get; init; }

    /// <summary>Timestamp of that block.</summary>
    public required DateTimeOffset AnchoredAt { get; init; }

    /// <summary>End of validity, or null when the document does not expire.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>For a document anchored in a Merkle batch: the root and the document's proof; null for a single anchor.</summary>
    public ReceiptBatch? Batch { get; init; }
}
