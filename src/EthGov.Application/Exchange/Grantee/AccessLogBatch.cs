using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// The access entries one department logs in one <c>logAccessBatch</c> transaction: the root of their StandardMerkleTree
/// (decision 2, the same tree as document batches) and each entry's proof, which the holder checks against the root the
/// chain confirmed. A lone entry is a tree of one: its root is its leaf hash and its proof is empty, so the holder has a
/// single rule for every request.
/// </summary>
public sealed class AccessLogBatch
{
    private readonly MerkleTree _tree;

    private AccessLogBatch(MerkleTree tree) => _tree = tree;

    /// <summary>The root sent to <c>logAccessBatch</c>.</summary>
    public Digest Root => _tree.Root;

    /// <summary>The entry hashes, in the order given.</summary>
    public IReadOnlyList<Digest> Entries => _tree.Values;

    /// <summary>The batch of <paramref name="entryHashes"/> (distinct access-entry hashes, at least one).</summary>
    /// <exception cref="ArgumentException">No entry, or the same entry twice (one log, one release).</exception>
    public static AccessLogBatch Form(IReadOnlyList<Digest> entryHashes)
    {
        ArgumentNullException.ThrowIfNull(entryHashes);
        if (entryHashes.Count == 0)
        {
            throw new ArgumentException("An access-log batch needs at least one entry.", nameof(entryHashes));
        }

        if (entryHashes.Distinct().Count() != entryHashes.Count)
        {
            throw new ArgumentException("An access entry is logged once: the batch holds one twice.", nameof(entryHashes));
        }

        return new AccessLogBatch(MerkleTree.Build(entryHashes));
    }

    /// <summary>The proof of the entry at <paramref name="index"/> (in the order given), leaf to root.</summary>
    public Digest[] ProofOf(int index) => _tree.GetProof(index);
}
