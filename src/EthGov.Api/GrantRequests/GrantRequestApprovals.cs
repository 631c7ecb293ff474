using EthGov.Api.Indexing;
using EthGov.Api.Problems;
using EthGov.Core.Records;
using Microsoft.Extensions.Options;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// Settles approvals that did not reach their end. An approval claims its request, sends the grant and records it; a
/// node that stops between the transaction and the record leaves the request <c>approving</c>. The grant it made is
/// found again in the node's index of the chain (same record or kind, grantor, grantee, purpose, expiry, basis and
/// legal-basis digest), so a request is never granted twice, and one whose grant never reached the chain is pending again.
/// </summary>
public sealed class GrantRequestApprovals(GrantRequestStore store, IndexStore index, IOptions<GrantRequestOptions> options, TimeProvider time)
{
    private const int MaxCandidates = 100;

    /// <summary>Approves <paramref name="request"/> with the live grant on chain that gives what it asks; false when none is indexed.</summary>
    public bool ApproveWithExistingGrant(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ExistingGrant(request) is not { } grant)
        {
            return false;
        }

        store.Approved(request.Id, grant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), grant.TransactionHash);
        return true;
    }

    // The live grant on chain that approving the request made (or that gives the same), or null when none is indexed.
    private IndexedGrant? ExistingGrant(GrantRequest request)
    {
        var (record, basis) = request.RecordId is { } recordId ? (recordId, "legal-basis") : (RecordKind.Id(request.Kind!), "kind-legal-basis");
        var legalBasis = GrantRequestRules.LegalBasisDigest(request.LegalBasis);
        return index.Grants(record, request.Requester, 0, MaxCandidates, request.Holder, newestFirst: true).FirstOrDefault(g =>
            !g.Revoked && g.Basis == basis && g.Purpose == request.Purpose && g.LegalBasis == legalBasis
            && g.ExpiresAt.ToUnixTimeSeconds() == request.ExpiresAt.ToUnixTimeSeconds());
    }

    /// <summary>
    /// Approvals claimed longer than <see cref="GrantRequestOptions.ApprovalTimeout"/> ago: approved with the grant found
    /// on chain, or pending again with why. Returns how many were settled.
    /// </summary>
    public int SettleStale(int limit)
    {
        var settled = 0;
        foreach (var request in store.StaleApprovals(time.GetUtcNow() - options.Value.ApprovalTimeout, limit))
        {
            if (!ApproveWithExistingGrant(request))
            {
                store.Unclaim(request.Id, StoredError.Of(StoredErrors.ApprovalInterrupted).ToString());
            }

            settled++;
        }

        return settled;
    }
}
