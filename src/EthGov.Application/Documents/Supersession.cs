using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;

namespace EthGov.Application.Documents;

/// <summary>
/// Replaces a document of the signer's department by a newer one, anchored at once on its own, with the transaction
/// the old document's <see cref="AnchorPlace"/> calls for: <c>supersede</c> on its own, <c>supersedeInBatch</c> with its
/// proof. The API, its replay after a re-anchoring and <c>ethgov supersede</c> all supersede here.
/// </summary>
public static class Supersession
{
    /// <summary>
    /// Whether a document at <paramref name="place"/> can be superseded: one of the registry 1.x cannot (the new
    /// registry only records its revocation); anchor the new document and revoke the old one instead.
    /// </summary>
    public static bool IsPossible(AnchorPlace place) => !place.InLegacyRegistry;

    /// <summary>
    /// Sends the supersession of <paramref name="oldDigest"/> by <paramref name="newDigest"/> (valid until
    /// <paramref name="newValidUntil"/>, or without expiry) and waits for its confirmation.
    /// </summary>
    /// <exception cref="ArgumentException">The document cannot be superseded (<see cref="IsPossible"/>).</exception>
    public static Task<ChainResult<TransactionOutcome>> SendAsync(
        DocumentOperations documents, Digest oldDigest, AnchorPlace place, Digest newDigest, DateTimeOffset? newValidUntil, CancellationToken cancellationToken)
    {
        if (!IsPossible(place))
        {
            throw new ArgumentException($"{oldDigest} was anchored in registry 1.x, whose documents cannot be superseded", nameof(place));
        }

        return place.Root is { } root
            ? documents.SupersedeInBatchAsync(root, oldDigest, place.Proof, newDigest, newValidUntil, cancellationToken)
            : documents.SupersedeAsync(oldDigest, newDigest, newValidUntil, cancellationToken);
    }
}
