using EthGov.Api.Grants;
using EthGov.Api.Problems;
using EthGov.Core.Digests;

namespace EthGov.Api.GrantRequests;

/// <summary>The caller's department asks another department for a grant under a legal basis.</summary>
/// <param name="HolderDepartment">Code of the department asked: the one that issued the record and would grant.</param>
/// <param name="RecordId">The record asked for (its digest); give this or <paramref name="Kind"/>.</param>
/// <param name="Kind">A kind of record the holder issues (for example <c>birth-certificate</c>); give this or <paramref name="RecordId"/>.</param>
/// <param name="Purpose">Purpose code, 0 to 65535.</param>
/// <param name="ExpiresAt">When the access would end (in the future, at most 366 days ahead).</param>
/// <param name="LegalBasis">The legal basis in words (1 to 1000 characters); the grant carries its SHA-256.</param>
/// <param name="Terms">The terms asked for; when absent, the grant routes' defaults.</param>
/// <param name="Note">Why, in words, for the holder's clerk (at most 500 characters).</param>
public sealed record AskGrantRequest(
    string? HolderDepartment, string? RecordId, string? Kind, int? Purpose, DateTimeOffset? ExpiresAt, string? LegalBasis,
    GrantTermsRequest? Terms = null, string? Note = null);

/// <summary>The holder refuses a request.</summary>
/// <param name="Reason">Why, in words (1 to 500 characters); the requester's staff read it.</param>
public sealed record RefuseGrantRequest(string? Reason);

/// <summary>A grant request as this node holds it.</summary>
/// <param name="Id">Its id on this node (the other node has its own).</param>
/// <param name="RequestId">The id both nodes know it by.</param>
/// <param name="Direction"><c>outgoing</c> (asked by the caller's department) or <c>incoming</c> (asked of it).</param>
/// <param name="Requester">The asking department's code.</param>
/// <param name="Holder">The department asked.</param>
/// <param name="RecordId">The record asked for.</param>
/// <param name="Kind">Or the kind.</param>
/// <param name="Purpose">Purpose code.</param>
/// <param name="ExpiresAt">When the access would end.</param>
/// <param name="LegalBasis">The legal basis in words.</param>
/// <param name="LegalBasisDigest">Its SHA-256, which an approval's grant carries on chain.</param>
/// <param name="Terms">The terms asked for.</param>
/// <param name="Note">Why, in words.</param>
/// <param name="State"><c>sending</c>, <c>pending</c>, <c>approving</c>, <c>approved</c> or <c>refused</c>.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Reason">Why it was refused: the clerk's words, or the holder's node's refusal in the request's language (English or Chinese).</param>
/// <param name="GrantId">The grant an approval created.</param>
/// <param name="TransactionHash">Its transaction (on the holder's node).</param>
/// <param name="Delivery">The message this node still has to give the other node, or null when none waits.</param>
public sealed record GrantRequestResponse(
    long Id, string RequestId, string Direction, string Requester, string Holder, Digest? RecordId, string? Kind, int Purpose, DateTimeOffset ExpiresAt,
    string LegalBasis, Digest LegalBasisDigest, GrantTermsRequest? Terms, string? Note, string State, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Reason, string? GrantId, string? TransactionHash, GrantRequestDelivery? Delivery)
{
    // The delivery's error is kept as a code (StoredError) and said in the reader's language.
    internal static GrantRequestResponse Of(GrantRequest r, string language = ProblemLanguages.English) => new(
        r.Id, r.RequestId, r.Direction, r.RequesterCode, r.HolderCode, r.RecordId, r.Kind, r.Purpose, r.ExpiresAt, r.LegalBasis,
        GrantRequestRules.LegalBasisDigest(r.LegalBasis), r.Terms, r.Note, r.State, r.RequestedBy, r.RequestedAt, r.DecidedBy, r.DecidedAt, ReasonIn(r, language),
        r.GrantId, r.TransactionHash, r.Notify ? new GrantRequestDelivery(r.Attempts, r.NextAttemptAt, StoredErrors.Render(r.Error, language)) : null);

    // A reason a clerk gave is answered in their words, whatever they look like; a refusal of the holder's node for good
    // (no one decided it) is kept as a code and said in the reader's language.
    private static string? ReasonIn(GrantRequest r, string language)
        => r.DecidedBy is null && StoredError.TryParse(r.Reason, out var error) && error.Code == StoredErrors.NodeRefused
            ? StoredErrors.Render(r.Reason, language)
            : r.Reason;
}

/// <summary>A message to the other node that has not been taken yet.</summary>
/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="NextAttemptAt">When the next is due.</param>
/// <param name="Error">Why the last failed, in the language the request's Accept-Language prefers (English or Chinese).</param>
public sealed record GrantRequestDelivery(int Attempts, DateTimeOffset NextAttemptAt, string? Error);

/// <summary>A page of grant requests, and the caller's department (which the workspace shows the grants of).</summary>
/// <param name="Items">The requests, newest first.</param>
/// <param name="Next">The next page's link, or null on the last page.</param>
/// <param name="Department">The caller's department code.</param>
public sealed record GrantRequestPage(IReadOnlyList<GrantRequestResponse> Items, string? Next, string? Department);
