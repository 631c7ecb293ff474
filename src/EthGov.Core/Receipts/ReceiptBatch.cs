using EthGov.Core.Digests;

namespace EthGov.Core.Receipts;

/// <summary>The Merkle batch part of a receipt: enough to recompute the anchored root from the digest.</summary>
/// <param name="Root">Merkle root anchored with <c>anchorBatch</c>.</param>
/// <param name="Proof">Sibling hashes from the document's leaf up to the root.</param>
/// <param name="DocumentCount">Number of documents in the batch.</param>
public sealed record ReceiptBatch(Digest Root, IReadOnlyList<Digest> Proof, uint DocumentCount);
