using EthGov.Api.Departments;
using EthGov.Chain.Deployments;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Api.Outbox;

/// <summary>
/// Writes a document's receipt from its confirmed batch. Proofs are not stored: they are recomputed from the
/// batch's stored membership, and the last few trees are kept because receipts of one batch are asked for together.
/// </summary>
public sealed class ReceiptService(BatchStore batches, DepartmentDirectory departments, Deployment deployment)
{
    private const int CachedTrees = 8;
    private readonly LinkedList<(long BatchId, MerkleTree Tree)> _trees = new();

    /// <summary>The receipt of <paramref name="entry"/>, or null while its batch is not confirmed.</summary>
    public async Task<Receipt?> ForAsync(DocumentEntry entry, CancellationToken cancellationToken = default)
    {
        if (batches.Get(entry.BatchId) is not { State: BatchState.Confirmed } batch)
        {
            return null;
        }

        var department = await departments.FindAsync(batch.DepartmentId, cancellationToken);
        var issuer = department.IsSuccess && department.Value is { } d
            ? new ReceiptIssuer(d.Id, d.Code, d.Name)
            : deployment.Departments.FirstOrDefault(x => x.Id == batch.DepartmentId) is { } seed
                ? new ReceiptIssuer(seed.Id, seed.Code, seed.Name)
                : null;
        if (issuer is null)
        {
            return null;
        }

        var receipt = new Receipt
        {
            Digest = entry.Digest,
            Issuer = issuer,
            ChainId = deployment.ChainId,
            Registry = deployment.Registry,
            TransactionHash = Digest.Parse(batch.TransactionHash!),
            BlockNumber = batch.BlockNumber!.Value,
            BlockHash = Digest.Parse(batch.BlockHash!),
            AnchoredAt = batch.BlockTime!.Value,
            ValidUntil = batch.ValidUntil == 0 ? null : DateTimeOffset.FromUnixTimeSeconds((long)batch.ValidUntil),
        };
        if (batch.IsSingle)
        {
            return receipt;
        }

        var tree = TreeOf(batch);
        return tree.TryGetIndex(entry.Digest, out var leaf)
            ? receipt with { Batch = new ReceiptBatch(tree.Root, tree.GetProof(leaf), (uint)tree.Count) }
            : null;
    }

    /// <summary>The Merkle proof of <paramref name="digest"/> in <paramref name="batch"/> (empty for a single anchor).</summary>
    public Digest[] ProofOf(BatchRecord batch, Digest digest)
        => batch.IsSingle ? [] : TreeOf(batch).GetProof(digest);

    private MerkleTree TreeOf(BatchRecord batch)
    {
        lock (_trees)
        {
            for (var node = _trees.First; node is not null; node = node.Next)
            {
                if (node.Value.BatchId == batch.Id)
                {
                    _trees.Remove(node);
                    _trees.AddFirst(node);
                    return node.Value.Tree;
                }
            }
        }

        var tree = MerkleTree.Build(batch.Members);
        lock (_trees)
        {
            _trees.AddFirst((batch.Id, tree));
            if (_trees.Count > CachedTrees)
            {
                _trees.RemoveLast();
            }
        }

        return tree;
    }
}
