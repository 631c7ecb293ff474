using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// A revocation or supersession the API sent for one of its documents, kept so that re-anchoring after a wiped chain
/// (<c>EthGov:ReanchorOnNewDeployment</c>) can send it again: without it the document would come back valid.
/// </summary>
/// <param name="Id">Its row id; replays go in this order, so a chain of supersessions is rebuilt link by link.</param>
/// <param name="DepartmentId">The issuing department, which sent it.</param>
/// <param name="Digest">The revoked or superseded document.</param>
/// <param name="Kind">Revocation or supersession.</param>
/// <param name="Reason">The revocation's reason code.</param>
/// <param name="Successor">The supersession's new digest, <see cref="Digest.Zero"/> for a revocation.</param>
/// <param name="SuccessorValidUntil">The new digest's end of validity as Unix seconds; 0 for none.</param>
/// <param name="State">Where it stands on the deployment the outbox is bound to.</param>
public sealed record DocumentChange(long Id, uint DepartmentId, Digest Digest, DocumentChangeKind Kind, ushort Reason, Digest Successor, ulong SuccessorValidUntil, DocumentChangeState State);

/// <summary>What a <see cref="DocumentChange"/> does.</summary>
public enum DocumentChangeKind
{
    /// <summary><c>revoke</c> or <c>revokeInBatch</c>.</summary>
    Revocation = 0,

    /// <summary><c>supersede</c> or <c>supersedeInBatch</c>, which anchors the successor on its own.</summary>
    Supersession = 1,
}

/// <summary>Where a <see cref="DocumentChange"/> stands on the bound deployment.</summary>
public enum DocumentChangeState
{
    /// <summary>Stored before it was sent; the answer is not known (the API stopped, or the chain was cut, meanwhile).</summary>
    Sending = 0,

    /// <summary>Confirmed on the bound deployment.</summary>
    Applied = 1,

    /// <summary>Bound to a new deployment: to be sent again once its document is anchored there.</summary>
    ToReplay = 2,

    /// <summary>The new deployment refused it for a reason retrying cannot fix (logged, and kept with the reason).</summary>
    ReplayFailed = 3,
}
