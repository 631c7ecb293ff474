namespace EthGov.Api.GrantRequests;

/// <summary>
/// The holder's decision on a grant request, as the holder's node tells the requester's node
/// (<c>POST /api/v1/node/grant-requests/outcomes</c>, signed with the holder department's node key). An approval names
/// the grant, which the requester's node reads on chain before believing it.
/// </summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Requester">The asking department.</param>
/// <param name="Holder">The deciding department, which must be the signer.</param>
/// <param name="State"><c>approved</c> or <c>refused</c>.</param>
/// <param name="GrantId">The grant an approval created.</param>
/// <param name="Reason">Why a refusal.</param>
/// <param name="DecidedBy">Who decided, as the holder's node names the clerk or key.</param>
/// <param name="DecidedAt">When.</param>
public sealed record GrantOutcomeMessage(
    string? RequestId, uint Requester, uint Holder, string? State, string? GrantId, string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt);
