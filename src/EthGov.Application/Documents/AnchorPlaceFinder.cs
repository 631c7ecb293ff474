using EthGov.Application.Nodes;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Application.Documents;

/// <summary>
/// Where a department's document is anchored when the one changing it holds no record, receipt or proof of it (it was
/// anchored by another node of the department, or by the CLI): on its own if the chain says so, else in the batch whose
/// proof the department's published node gives. The proof is only a claim: the revoking or superseding transaction
/// fails on chain if it does not lead to a batch of the department.
/// </summary>
public static class AnchorPlaceFinder
{
    /// <summary>
    /// The place of <paramref name="departmentId"/>'s <paramref name="digest"/>; when neither the chain nor the
    /// department's node knows it, the place the transaction will be refused at with the chain's own reason (on its own,
    /// or also in registry 1.x when <paramref name="hasLegacyRegistry"/>).
    /// </summary>
    public static async Task<ChainResult<AnchorPlace>> FindAsync(
        DocumentOperations documents, IssuerProofs proofs, uint departmentId, Digest digest, bool hasLegacyRegistry, CancellationToken cancellationToken)
    {
        var single = await documents.CheckAsync(departmentId, digest);
        if (!single.IsSuccess)
        {
            return ChainResult<AnchorPlace>.Fail(single.Error);
        }

        if (single.Value.Status != DocumentStatus.Unknown)
        {
            return ChainResult<AnchorPlace>.Ok(AnchorPlace.OnItsOwn);
        }

        var found = await proofs.FindAsync(digest, departmentId, new HashSet<uint>(), cancellationToken);
        if (!found.IsSuccess)
        {
            return ChainResult<AnchorPlace>.Fail(found.Error);
        }

        return ChainResult<AnchorPlace>.Ok(found.Value.Proof is { } proof ? AnchorPlace.InBatch(proof.Root, proof.Path)
            : hasLegacyRegistry ? AnchorPlace.OnItsOwnHereOrInLegacy
            : AnchorPlace.OnItsOwn);
    }
}
