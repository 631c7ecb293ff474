using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Core.Verification;

/// <summary>
/// A batch proof given without a receipt: the root it leads to from the digest is computed here, never taken from
/// whoever gave it, and only the chain says whether that root is a batch of the issuer.
/// </summary>
/// <param name="Root">The root the path leads to from the digest.</param>
/// <param name="Path">The sibling hashes, leaf to root.</param>
/// <param name="Source">Who gave the path.</param>
/// <param name="From">Who gave it, in words (for the checks), e.g. "the node of HEALTH at https://health.example".</param>
public sealed record StatedProof(Digest Root, IReadOnlyList<Digest> Path, ProofSource Source, string From)
{
    /// <summary>The proof of <paramref name="digest"/> along <paramref name="path"/>.</summary>
    public static StatedProof For(Digest digest, IReadOnlyList<Digest> path, ProofSource source, string from)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new StatedProof(MerkleTree.ComputeRoot(digest, [.. path]), path, source, from);
    }
}
