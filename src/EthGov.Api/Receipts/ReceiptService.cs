using EthGov.Api.Departments;
using EthGov.Api.Outbox;
using EthGov.Chain.Deployments;
using EthGov.Chain.Receipts;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Receipts;

/// <summary>
/// Writes a document's receipt from its confirmed batch. Proofs are not stored: they are recomputed from the
/// batch's stored membership, and the most recently used trees are kept (up to
/// <see cref="OutboxOptions.ProofCacheDocuments"/> leaves in all) because verification by digest needs the proof of
/// any document and rebuilding a batch of 50,000 takes about 10 ms of CPU: with documents spread over more batches
/// than the cache holds, every verification would rebuild one. Concurrent requests for the same batch share one build.
/// </summary>
public sealed class ReceiptService(BatchStore batches, DepartmentDirectory departments, Deployment deployment, IOptions<OutboxOptions> options)
{
    private readonly long _cachedLeaves = options.Value.ProofCacheDocuments;
    private readonly LinkedList<(long BatchId, int Leaves, Lazy<MerkleTree> Tree)> _trees = new();
    private readonly Dictionary<long, LinkedListNode<(long BatchId, int Leaves, Lazy<MerkleTree> Tree)>> _byBatch = [];
    private long _leaves;

    /// <summary>The receipt of <paramref name="entry"/>, or null while its batch is not confirmed.</summary>
    public async Task<Receipt?> ForAsync(DocumentEntry entry, CancellationToken cancellationToken = default)
    {
        if (batches.Get(entry.BatchId) is not { State: BatchState.Confirmed } batch)
        {
            return null;
        }

        // A batch anchored in the registry 1.x before a migration names that registry and the department's id there.
        var department = await departments.FindAsync(batch.DepartmentId, cancellationToken);
        var issuer = department.IsSuccess && department.Value is { } d
            ? new ReceiptIssuer(batch.AnchoringDepartmentId, d.Code, d.Name)
            : deployment.Departments.FirstOrDefault(x => x.Id == batch.DepartmentId) is { } seed
                ? new ReceiptIssuer(batch.AnchoringDepartmentId, seed.Code, seed.Name)
                : null;
        var registry = batch.Registry ?? deployment.Registry;
        if (issuer is null)
        {
            return null;
        }

        // The receipt is built by the same factory the CLI uses, from the batch's confirmed transaction.
        var outcome = new TransactionOutcome(batch.TransactionHash!, batch.BlockNumber!.Value, batch.BlockHash!, batch.BlockTime!.Value, 0);
        var validUntil = ChainTime.FromSecondsOrNone(batch.ValidUntil);
        if (batch.IsSingle)
        {
            return ReceiptFactory.ForSingle(entry.Digest, issuer, deployment.ChainId, registry, outcome, validUntil);
        }

        var tree = TreeOf(batch);
        return tree.TryGetIndex(entry.Digest, out var leaf)
            ? ReceiptFactory.ForBatchMember(tree, leaf, issuer, deployment.ChainId, registry, outcome, validUntil)
            : null;
    }

    /// <summary>The Merkle proof of <paramref name="digest"/> in <paramref name="batch"/> (empty for a single anchor).</summary>
    public Digest[] ProofOf(BatchRecord batch, Digest digest)
        => batch.IsSingle ? [] : TreeOf(batch).GetProof(digest);

    /// <summary>Keeps <paramref name="tree"/>, already built for <paramref name="batch"/>, for its receipts.</summary>
    public void Remember(BatchRecord batch, MerkleTree tree)
    {
        lock (_trees)
        {
            if (!_byBatch.ContainsKey(batch.Id))
            {
                Keep(batch.Id, tree.Count, new Lazy<MerkleTree>(tree));
            }
        }
    }

    private MerkleTree TreeOf(BatchRecord batch)
    {
        Lazy<MerkleTree> tree;
        lock (_trees)
        {
            if (_byBatch.TryGetValue(batch.Id, out var node))
            {
                _trees.Remove(node);
                _trees.AddFirst(node);
                tree = node.Value.Tree;
            }
            else
            {
                var members = batch.Members;
                tree = new Lazy<MerkleTree>(() => MerkleTree.Build(members), LazyThreadSafetyMode.ExecutionAndPublication);
                Keep(batch.Id, members.Length, tree);
            }
        }

        return tree.Value;
    }

    // Under the lock: the newest first, the least recently used dropped beyond the budget.
    private void Keep(long batchId, int leaves, Lazy<MerkleTree> tree)
    {
        _byBatch[batchId] = _trees.AddFirst((batchId, leaves, tree));
        _leaves += leaves;
        while (_leaves > _cachedLeaves && _trees.Count > 1 && _trees.Last is { } last)
        {
            _trees.RemoveLast();
            _byBatch.Remove(last.Value.BatchId);
            _leaves -= last.Value.Leaves;
        }
    }
}
