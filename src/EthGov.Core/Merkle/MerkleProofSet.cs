using EthGov.Core.Digests;

namespace EthGov.Core.Merkle;

/// <summary>
/// Every proof of a tree in one flat buffer: a million proofs as a million arrays cost most of the time
/// of building them (allocation and GC), one buffer and an offset table cost almost nothing.
/// </summary>
public sealed class MerkleProofSet
{
    private readonly Digest[] _elements;
    private readonly int[] _offsets;

    internal MerkleProofSet(Digest[] elements, int[] offsets)
    {
        _elements = elements;
        _offsets = offsets;
    }

    /// <summary>How many proofs (one per document, indexed like the tree's input).</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The proof of the document at <paramref name="index"/>, leaf to root.</summary>
    public ReadOnlySpan<Digest> this[int index] => _elements.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);
}
