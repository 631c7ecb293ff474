namespace EthGov.Api.GrantRequests;

/// <summary>
/// Where a grant request stands. The requester's copy: sending (not yet taken by the holder's node), pending, then
/// approved or refused. The holder's copy: pending, approving (its grant transaction is on the way), then approved or
/// refused. A refusal by the holder's node itself (it would not take the request) also ends the requester's copy as refused.
/// </summary>
public static class GrantRequestStates
{
    /// <summary>The requester's node still has to hand it to the holder's node.</summary>
    public const string Sending = "sending";

    /// <summary>In the holder's queue, waiting for a decision.</summary>
    public const string Pending = "pending";

    /// <summary>A clerk of the holder approved; the grant transaction is on the way.</summary>
    public const string Approving = "approving";

    /// <summary>The grant is on chain.</summary>
    public const string Approved = "approved";

    /// <summary>Refused, with the reason.</summary>
    public const string Refused = "refused";

    /// <summary>Every state, for the list's filter.</summary>
    public static IReadOnlyList<string> All { get; } = [Sending, Pending, Approving, Approved, Refused];
}
