using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// Where the grantee logged a request's <see cref="AccessEntry"/>: the access-log batch root it sent to
/// <c>logAccessBatch</c>, and the entry's Merkle proof in that batch (StandardMerkleTree layout, leaf to root).
/// </summary>
/// <param name="Root">The batch root on chain.</param>
/// <param name="Proof">The proof of the entry's hash in the batch; empty for a batch of one.</param>
public sealed record LogInclusion(Digest Root, IReadOnlyList<Digest> Proof)
{
    /// <summary>Most proof elements accepted: a batch of 2^32 entries needs 32.</summary>
    public const int MaxProofLength = 32;
}
