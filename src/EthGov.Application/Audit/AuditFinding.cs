using System.Numerics;
using EthGov.Core.Digests;

namespace EthGov.Application.Audit;

/// <summary>
/// One line of a reconciliation: a release without a valid log (a violation), or an access logged without a release
/// (informational: pending or refused).
/// </summary>
/// <param name="Kind">What was found, a stable slug: <c>log-not-found</c>, <c>log-by-another-department</c>,
/// <c>log-block-mismatch</c>, <c>not-in-root</c>, <c>entry-mismatch</c>, <c>batch-not-found</c>, <c>pending</c>, <c>refused</c>.</param>
/// <param name="RequestId">The grantee's request id (zero for a batch).</param>
/// <param name="GrantId">The grant (zero for a batch).</param>
/// <param name="RecordId">The record or kind (zero for a batch).</param>
/// <param name="Holder">The holder department.</param>
/// <param name="Grantee">The grantee department.</param>
/// <param name="Root">The access-log root concerned, if any.</param>
/// <param name="Detail">One line on what is wrong or where it stands.</param>
public sealed record AuditFinding(
    string Kind, Digest RequestId, BigInteger GrantId, Digest RecordId, uint Holder, uint Grantee, Digest? Root, string Detail)
{
    /// <summary>The grantee's exchange id on its node, for a grantee's finding.</summary>
    public long? Exchange { get; init; }
}
