using EthGov.Core.Digests;

namespace EthGov.Api.ChangeRequests;

/// <summary>
/// A revocation or supersession of a department's document that waits for a second clerk (four eyes), as the node keeps
/// it: what is asked, by whom and when, and what became of it.
/// </summary>
/// <param name="Id">The request's number on this node.</param>
/// <param name="Department">The code of the department whose document it changes.</param>
/// <param name="Kind"><see cref="ChangeRequestKinds.Revocation"/> or <see cref="ChangeRequestKinds.Supersession"/>.</param>
/// <param name="Digest">The document to change.</param>
/// <param name="Reason">The revocation reason's code (revocations only).</param>
/// <param name="NewDigest">The replacing document (supersessions only).</param>
/// <param name="ValidUntil">The replacing document's end of validity, when it has one.</param>
/// <param name="Note">The requesting clerk's note, kept on the node only.</param>
/// <param name="RequestedBy">Who asked: <c>staff alice</c> or <c>key 3</c>.</param>
/// <param name="RequesterAccount">The asking clerk's account id; null when a key asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="State">One of <see cref="ChangeRequestStates"/>.</param>
/// <param name="DecidedBy">The clerk who approved or refused it.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="TransactionHash">The change's confirmed transaction, once approved.</param>
/// <param name="Error">Why the approved change was not made, when it failed.</param>
public sealed record ChangeRequest(
    long Id, string Department, string Kind, Digest Digest, ushort? Reason, Digest? NewDigest, DateTimeOffset? ValidUntil, string? Note,
    string RequestedBy, long? RequesterAccount, DateTimeOffset RequestedAt, string State,
    string? DecidedBy = null, DateTimeOffset? DecidedAt = null, string? TransactionHash = null, string? Error = null);

/// <summary>What a change request asks.</summary>
public static class ChangeRequestKinds
{
    /// <summary>Revoke the document with a reason.</summary>
    public const string Revocation = "revocation";

    /// <summary>Replace the document by a newer one.</summary>
    public const string Supersession = "supersession";
}

/// <summary>Where a change request is.</summary>
public static class ChangeRequestStates
{
    /// <summary>Waiting for a second clerk.</summary>
    public const string Pending = "pending";

    /// <summary>Approved; its transaction is being sent.</summary>
    public const string Approving = "approving";

    /// <summary>Approved and confirmed on chain.</summary>
    public const string Approved = "approved";

    /// <summary>Refused by a clerk; nothing was sent.</summary>
    public const string Refused = "refused";

    /// <summary>Approved, but the change was not made (the chain refused it, or it could not be sent).</summary>
    public const string Failed = "failed";

    /// <summary>Every state.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Approving, Approved, Refused, Failed];
}
