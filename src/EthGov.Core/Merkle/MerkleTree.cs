using EthGov.Core.Digests;

namespace EthGov.Core.Merkle;

/// <summary>
/// A Merkle batch of document digests, laid out exactly like OpenZeppelin's
/// <c>StandardMerkleTree.of(values, ["bytes32"])</c> (npm <c>@openzeppelin/merkle-tree</c>, default
/// options), so its root and proofs equal the npm library's and verify with <c>MerkleProof.verify</c>
/// on chain (docs/decisions.md, decision 2).
/// </summary>
/// <remarks>
/// Layout, as in the library: leaf hashes are sorted ascending and stored from the end of a
/// <c>2n - 1</c> node array backwards, so the array holds them in descending order; the parent of
/// node <c>i</c> is <c>(i - 1) / 2</c> and its sibling is <c>i + 1</c> or <c>i - 1</c>. Indices in this
/// API are positions in the input list, the library's "value index".
/// </remarks>
public sealed class MerkleTree
{
    // Below this many nodes a level is hashed on the calling thread: scheduling costs more than it saves.
    private const int ParallelThreshold = 2048;

    private readonly Digest[] _nodes;
    private readonly int[] _nodeOfValue;
    private readonly Digest[] _values;

    // The input position of the i-th smallest leaf hash (the leaf at node _nodes.Length - 1 - i), so a digest is found
    // by binary search over the leaves the tree holds anyway: 4 bytes a document instead of a dictionary entry's ~50.
    private readonly int[] _valueOfSortedLeaf;

    private MerkleTree(Digest[] nodes, int[] nodeOfValue, Digest[] values, int[] valueOfSortedLeaf)
    {
        _nodes = nodes;
        _nodeOfValue = nodeOfValue;
        _values = values;
        _valueOfSortedLeaf = valueOfSortedLeaf;
    }

    /// <summary>The Merkle root, anchored on chain with <c>anchorBatch</c>.</summary>
    public Digest Root => _nodes[0];

    /// <summary>Number of documents in the batch.</summary>
    public int Count => _values.Length;

    /// <summary>The document digests in the order they were given.</summary>
    public IReadOnlyList<Digest> Values => _values;

    /// <summary>Builds the tree of <paramref name="digests"/>; duplicates are kept, as the library keeps them.</summary>
    /// <exception cref="ArgumentException"><paramref name="digests"/> is empty.</exception>
    public static MerkleTree Build(IReadOnlyList<Digest> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        int n = digests.Count;
        if (n == 0)
        {
            throw new ArgumentException("A Merkle tree needs at least one digest.", nameof(digests));
        }

        var values = new Digest[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = digests[i];
        }

        var leafHashes = new Digest[n];
        var order = new int[n];
        ForRange(0, n, (from, to) =>
        {
            KeccakLanes.HashLeaves(values.AsSpan(from, to - from), leafHashes.AsSpan(from, to - from));
            for (int i = from; i < to; i++)
            {
                order[i] = i;
            }
        });

        Array.Sort(leafHashes, order);
        RestoreInputOrderOfEqualHashes(leafHashes, order);

        var nodes = new Digest[2 * n - 1];
        var nodeOfValue = new int[n];
        for (int i = 0; i < n; i++)
        {
            int node = nodes.Length - 1 - i;
            nodes[node] = leafHashes[i];
            nodeOfValue[order[i]] = node;
        }

        // Internal nodes are 0 .. n-2. Level d holds nodes 2^d - 1 .. 2^(d+1) - 2, and every child of
        // a level lies in a deeper level, so levels are hashed from the deepest up, each in parallel.
        int lastInternal = n - 2;
        if (lastInternal >= 0)
        {
            int depth = 31 - int.LeadingZeroCount(lastInternal + 1);
            for (int d = depth; d >= 0; d--)
            {
                int first = (1 << d) - 1;
                int last = Math.Min((1 << (d + 1)) - 2, lastInternal);
                ForRange(first, last + 1, (from, to) => KeccakLanes.HashLevel(nodes, from, to));
            }
        }

        return new MerkleTree(nodes, nodeOfValue, values, order);
    }

    /// <summary>The proof for the document at <paramref name="index"/> in the input list, leaf to root.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in the tree.</exception>
    public Digest[] GetProof(int index)
    {
        var proof = new Digest[GetProofLength(index)];
        CopyProof(index, proof);
        return proof;
    }

    /// <summary>
    /// The proof for <paramref name="digest"/>; when the batch holds it more than once, the proof of
    /// its last occurrence, as the library's lookup by value returns.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not in the tree.</exception>
    public Digest[] GetProof(Digest digest)
    {
        if (!TryGetIndex(digest, out int index))
        {
            throw new ArgumentException($"Digest {digest} is not in the tree.", nameof(digest));
        }

        return GetProof(index);
    }

    /// <summary>Finds the input position of <paramref name="digest"/> (its last occurrence).</summary>
    public bool TryGetIndex(Digest digest, out int index)
    {
        // Leaves sit at the end of _nodes in descending hash order; equal hashes (repeated digests) are in input order
        // within their run, so the run's last sorted position is the last occurrence.
        var leaf = HashLeaf(digest);
        int n = _values.Length, last = _nodes.Length - 1;
        int lo = 0, hi = n;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (_nodes[last - mid].CompareTo(leaf) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo > 0 && _nodes[last - (lo - 1)] == leaf)
        {
            index = _valueOfSortedLeaf[lo - 1];
            return true;
        }

        index = -1;
        return false;
    }

    /// <summary>Number of elements in the proof of the document at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in the tree.</exception>
    public int GetProofLength(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _values.Length);
        return 31 - int.LeadingZeroCount(_nodeOfValue[index] + 1);
    }

    /// <summary>
    /// Writes the proof of the document at <paramref name="index"/> into <paramref name="destination"/>
    /// without allocating and returns its length.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the proof.</exception>
    public int CopyProof(int index, Span<Digest> destination)
    {
        int length = GetProofLength(index);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The proof has {length} elements.", nameof(destination));
        }

        int node = _nodeOfValue[index];
        for (int k = 0; k < length; k++)
        {
            destination[k] = _nodes[(node & 1) == 1 ? node + 1 : node - 1];
            node = (node - 1) / 2;
        }

        return length;
    }

    /// <summary>Every document's proof, indexed like the input list, written in parallel into one buffer.</summary>
    public MerkleProofSet GetAllProofs()
    {
        var offsets = new int[_values.Length + 1];
        for (int i = 0; i < _values.Length; i++)
        {
            offsets[i + 1] = offsets[i] + GetProofLength(i);
        }

        var elements = new Digest[offsets[^1]];
        ForRange(0, _values.Length, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                CopyProof(i, elements.AsSpan(offsets[i], offsets[i + 1] - offsets[i]));
            }
        });
        return new MerkleProofSet(elements, offsets);
    }

    /// <summary>The leaf of a digest: keccak256(keccak256(abi.encode(digest))); abi.encode of a bytes32 is its 32 bytes.</summary>
    public static Digest HashLeaf(Digest digest)
    {
        Span<byte> buffer = stackalloc byte[Digest.Size];
        digest.CopyTo(buffer);
        // Hashing twice keeps a 64-byte inner node from ever being mistaken for a leaf.
        Keccak256.Hash(buffer, buffer);
        Keccak256.Hash(buffer, buffer);
        return new Digest(buffer);
    }

    /// <summary>An inner node: keccak256 of the two children, the smaller (byte order) first.</summary>
    public static Digest HashPair(Digest a, Digest b)
    {
        Span<byte> buffer = stackalloc byte[2 * Digest.Size];
        if (a > b)
        {
            (a, b) = (b, a);
        }

        a.CopyTo(buffer);
        b.CopyTo(buffer[Digest.Size..]);
        Keccak256.Hash(buffer, buffer);
        return new Digest(buffer[..Digest.Size]);
    }

    /// <summary>The root that <paramref name="proof"/> leads to from <paramref name="digest"/>'s leaf.</summary>
    public static Digest ComputeRoot(Digest digest, ReadOnlySpan<Digest> proof)
    {
        var node = HashLeaf(digest);
        foreach (var sibling in proof)
        {
            node = HashPair(node, sibling);
        }

        return node;
    }

    /// <summary>True when <paramref name="proof"/> proves <paramref name="digest"/> is in the tree of <paramref name="root"/>.</summary>
    public static bool Verify(Digest root, Digest digest, ReadOnlySpan<Digest> proof) =>
        ComputeRoot(digest, proof) == root;

    /// <summary>
    /// Shortest and longest proof in a batch of <paramref name="count"/> documents, which lets a
    /// receipt's proof length be checked against its document count.
    /// </summary>
    public static (int Min, int Max) ProofLengthRange(uint count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        // Leaves occupy nodes n-1 .. 2n-2; a node's depth is floor(log2(node + 1)).
        return (63 - (int)ulong.LeadingZeroCount(count), 63 - (int)ulong.LeadingZeroCount(2UL * count - 1));
    }

    // The library sorts with a stable sort, so equal leaf hashes (the same digest given twice) keep
    // their input order; Array.Sort is not stable, so restore that order within each run of equals.
    private static void RestoreInputOrderOfEqualHashes(Digest[] sortedHashes, int[] order)
    {
        int start = 0;
        for (int i = 1; i <= sortedHashes.Length; i++)
        {
            if (i == sortedHashes.Length || sortedHashes[i] != sortedHashes[start])
            {
                if (i - start > 1)
                {
                    Array.Sort(order, start, i - start);
                }

                start = i;
            }
        }
    }

    private static void ForRange(int from, int to, Action<int, int> body)
    {
        int count = to - from;
        if (count < ParallelThreshold)
        {
            body(from, to);
            return;
        }

        int chunk = Math.Max(ParallelThreshold / 2, count / (Environment.ProcessorCount * 8));
        int chunks = (count + chunk - 1) / chunk;
        Parallel.For(0, chunks, c =>
        {
            int start = from + c * chunk;
            body(start, Math.Min(to, start + chunk));
        });
    }
}
