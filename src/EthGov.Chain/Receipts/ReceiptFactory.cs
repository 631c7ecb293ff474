using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Chain.Receipts;

/// <summary>Builds receipts (docs/decisions.md, decision 8) from a confirmed anchoring transaction.</summary>
public static class ReceiptFactory
{
    /// <summary>The receipt of a document anchored on its own.</summary>
    public static Receipt ForSingle(Digest digest, ReceiptIssuer issuer, ulong chainId, string registry, TransactionOutcome outcome, DateTimeOffset? validUntil)
        => new()
        {
            Digest = digest,
            Issuer = issuer,
            ChainId = chainId,
            Registry = registry,
            TransactionHash = Digest.Parse(outcome.TransactionHash),
            BlockNumber = outcome.BlockNumber,
            BlockHash = Digest.Parse(outcome.BlockHash),
            AnchoredAt = outcome.BlockTime,
            ValidUntil = validUntil,
        };

    /// <summary>The receipt of the document at <paramref name="index"/> of an anchored batch.</summary>
    public static Receipt ForBatchMember(MerkleTree tree, int index, ReceiptIssuer issuer, ulong chainId, string registry, TransactionOutcome outcome, DateTimeOffset? validUntil)
        => ForSingle(tree.Values[index], issuer, chainId, registry, outcome, validUntil) with
        {
            Batch = new ReceiptBatch(tree.Root, tree.GetProof(index), checked((uint)tree.Count)),
        };
}
