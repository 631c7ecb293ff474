using EthGov.Api.Grants;
using EthGov.Core.Digests;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// One grant request as one node keeps it: the requester's outgoing copy or the holder's incoming copy, the two matched
/// by <see cref="RequestId"/>. What is asked never changes; the state, the decision and the delivery to the other node do.
/// </summary>
/// <param name="Id">The row's id on this node.</param>
/// <param name="RequestId">The id the requester's node picked at random (32 hex digits), the same on both nodes.</param>
/// <param name="Direction"><see cref="GrantRequestDirections.Outgoing"/> on the requester's node, <see cref="GrantRequestDirections.Incoming"/> on the holder's.</param>
/// <param name="Requester">The asking department's id.</param>
/// <param name="RequesterCode">Its code.</param>
/// <param name="Holder">The department asked (the grantor, if it approves).</param>
/// <param name="HolderCode">Its code.</param>
/// <param name="RecordId">The record asked for, or null when a kind is.</param>
/// <param name="Kind">The record kind asked for, or null when a record is.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="ExpiresAt">When the grant asked for would end.</param>
/// <param name="LegalBasis">The legal basis in words; the grant carries its SHA-256.</param>
/// <param name="Terms">The terms asked for, as the grant routes read them.</param>
/// <param name="Note">What the requester says about why, in words.</param>
/// <param name="State">Where it stands: <see cref="GrantRequestStates"/>.</param>
/// <param name="RequestedBy">Who asked (a clerk or a key of the requester).</param>
/// <param name="RequestedAt">When.</param>
/// <param name="DecidedBy">Who decided, on the holder's side.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="GrantId">The grant the approval created on chain.</param>
/// <param name="TransactionHash">The transaction that created it.</param>
/// <param name="Notify">True while the other node must still be told (the request itself, or its outcome).</param>
/// <param name="Attempts">Failed attempts to tell it.</param>
/// <param name="NextAttemptAt">When the next attempt is due.</param>
/// <param name="Error">Why the last attempt failed.</param>
public sealed record GrantRequest(
    long Id,
    string RequestId,
    string Direction,
    uint Requester,
    string RequesterCode,
    uint Holder,
    string HolderCode,
    Digest? RecordId,
    string? Kind,
    int Purpose,
    DateTimeOffset ExpiresAt,
    string LegalBasis,
    GrantTermsRequest? Terms,
    string? Note,
    string State,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason,
    string? GrantId,
    string? TransactionHash,
    bool Notify,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? Error);
