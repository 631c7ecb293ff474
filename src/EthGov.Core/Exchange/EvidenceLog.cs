using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>Where the grantee logged an access entry: the batch root, the entry's proof in it, and the transaction and block that logged it.</summary>
/// <param name="Root">The access-log batch root.</param>
/// <param name="Proof">The entry hash's proof in the batch (StandardMerkleTree), empty for a batch of one.</param>
/// <param name="TransactionHash">The <c>logAccessBatch</c> transaction, when the grantee's node knew it.</param>
/// <param name="BlockNumber">The block that logged the root.</param>
public sealed record EvidenceLog(Digest Root, IReadOnlyList<Digest> Proof, string? TransactionHash, ulong BlockNumber);
