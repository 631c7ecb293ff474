using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;

namespace EthGov.Application.Documents;

/// <summary>
/// Revokes a document of the signer's department with the transaction its <see cref="AnchorPlace"/> calls for:
/// <c>revoke</c> on its own, <c>revokeInBatch</c> with its proof, or <c>revokeLegacy</c> for a document of the registry
/// 1.x this deployment took over from (the new registry records the revocation). The API, its replay after a
/// re-anchoring and <c>ethgov revoke</c> all revoke here.
/// </summary>
public static class Revocation
{
    /// <summary>Sends the revocation of <paramref name="digest"/> with <paramref name="reason"/> and waits for its confirmation.</summary>
    public static async Task<ChainResult<TransactionOutcome>> SendAsync(
        DocumentOperations documents, Digest digest, AnchorPlace place, ushort reason, CancellationToken cancellationToken)
    {
        var sent = place switch
        {
            { InLegacyRegistry: true } => await documents.RevokeLegacyAsync(place.Root, digest, place.Proof, reason, cancellationToken),
            { Root: { } root } => await documents.RevokeInBatchAsync(root, digest, place.Proof, reason, cancellationToken),
            _ => await documents.RevokeAsync(digest, reason, cancellationToken),
        };
        if (!sent.IsSuccess && sent.Error.Name == "NotAnchored" && place.MaybeInLegacyRegistry)
        {
            // Not anchored on its own in this registry: maybe on its own in registry 1.x, before the cut-over.
            var legacy = await documents.RevokeLegacyAsync(null, digest, [], reason, cancellationToken);
            if (legacy.IsSuccess || legacy.Error.Name != "LegacyDocumentNotFound")
            {
                sent = legacy;
            }
        }

        return sent;
    }
}
