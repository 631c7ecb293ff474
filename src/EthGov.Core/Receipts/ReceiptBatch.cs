using EthGov.Core.Digests;

namespace EthGov.Core.Receipts;

/// <summary>The Merkle batch part of a receipt: enough to recompute the anchored root from the digest.</summary>
/// <param name="Root">Merkle root anchored with <c>anchorBatch</c>.</param>
/// <param name="Proof">Sibling hashes from the document's leaf up to the root.</param>
/// <param name="DocumentCount">Number of documents in the batch.</param>
public sealed record ReceiptBatch(Digest Root, IReadOnlyList<Digest> Proof, uint DocumentCount)
{
    /// <summary>
    /// The longest proof a receipt may hold. A StandardMerkleTree of n leaves gives proofs of at most
    /// ceil(log2 n) siblings and <see cref="DocumentCount"/> is a uint32, so no batch a receipt can describe needs
    /// more than 32 (EthGov's own batches, at most 50,000 documents, need 16). Readers refuse longer proofs unread.
    /// </summary>
    public const int MaxProofLength = 32;
}
