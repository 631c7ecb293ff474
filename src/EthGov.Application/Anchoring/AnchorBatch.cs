using EthGov.Chain.Abi;
using EthGov.Chain.Receipts;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Application.Anchoring;

/// <summary>
/// Documents of one department sent to the chain in one transaction. A lone document is anchored as itself with
/// <c>anchor</c>: it costs less, and its receipt needs no proof. Two or more are anchored by the root of their Merkle
/// tree (OpenZeppelin's StandardMerkleTree) with <c>anchorBatch</c>, and each receipt carries its document's proof.
/// The API's batcher and <c>ethgov anchor</c> both form and send their batches here.
/// </summary>
public sealed class AnchorBatch
{
    private AnchorBatch(Digest[] members, MerkleTree? tree)
    {
        Members = members;
        Tree = tree;
    }

    /// <summary>The documents, in leaf order.</summary>
    public IReadOnlyList<Digest> Members { get; }

    /// <summary>Their Merkle tree; null for a lone document.</summary>
    public MerkleTree? Tree { get; }

    /// <summary>What the chain records: the lone document's digest, or the tree's root.</summary>
    public Digest Root => Tree?.Root ?? Members[0];

    /// <summary>Whether the batch is a lone document, anchored with <c>anchor</c>.</summary>
    public bool IsSingle => Tree is null;

    /// <summary>The batch of <paramref name="members"/> (distinct digests, at least one); builds their tree when there are two or more.</summary>
    public static AnchorBatch Form(Digest[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfZero(members.Length, nameof(members));
        return new AnchorBatch(members, members.Length == 1 ? null : MerkleTree.Build(members));
    }

    /// <summary>
    /// Sends a batch whose <paramref name="root"/> and size are known (a stored batch): <c>anchor</c> of the document
    /// when <paramref name="documentCount"/> is 1, else <c>anchorBatch</c> of the root.
    /// </summary>
    public static Task<ChainResult<TransactionOutcome>> SendAsync(
        DocumentOperations documents, Digest root, int documentCount, DateTimeOffset? validUntil, CancellationToken cancellationToken)
        => documentCount == 1
            ? documents.AnchorAsync(root, validUntil, cancellationToken)
            : documents.AnchorBatchAsync(root, documentCount, validUntil, cancellationToken);

    /// <summary>Sends this batch with the signer of <paramref name="documents"/>.</summary>
    public Task<ChainResult<TransactionOutcome>> SendAsync(DocumentOperations documents, DateTimeOffset? validUntil, CancellationToken cancellationToken)
        => SendAsync(documents, Root, Members.Count, validUntil, cancellationToken);

    /// <summary>The receipt of the member at <paramref name="index"/>, once the batch was anchored by <paramref name="outcome"/>.</summary>
    public Receipt ReceiptFor(int index, ReceiptIssuer issuer, ulong chainId, string registry, TransactionOutcome outcome, DateTimeOffset? validUntil)
        => Tree is { } tree
            ? ReceiptFactory.ForBatchMember(tree, index, issuer, chainId, registry, outcome, validUntil)
            : ReceiptFactory.ForSingle(Members[index], issuer, chainId, registry, outcome, validUntil);
}
