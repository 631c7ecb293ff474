using EthGov.Api.Problems;
using EthGov.Core.Digests;
using EthGov.Core.Revocations;

namespace EthGov.Api.ChangeRequests;

/// <summary>A change request as the API shows it.</summary>
/// <param name="Id">Its number on this node.</param>
/// <param name="Kind"><c>revocation</c> or <c>supersession</c>.</param>
/// <param name="State"><c>pending</c>, <c>approving</c>, <c>approved</c>, <c>refused</c> or <c>failed</c>.</param>
/// <param name="Digest">The document it changes.</param>
/// <param name="Reason">The revocation reason's code (revocations only).</param>
/// <param name="ReasonName">The reason's published name (revocations only).</param>
/// <param name="NewDigest">The replacing document (supersessions only).</param>
/// <param name="ValidUntil">The replacing document's end of validity, when it has one.</param>
/// <param name="Note">The requesting clerk's note.</param>
/// <param name="RequestedBy">Who asked: <c>staff alice</c> or <c>key 3</c>.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="DecidedBy">Who approved or refused it.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="TransactionHash">The confirmed transaction, once approved.</param>
/// <param name="Error">Why the approved change was not made, in the language the request's Accept-Language prefers (English or Chinese).</param>
/// <param name="Url">This resource.</param>
public sealed record ChangeRequestResponse(
    long Id, string Kind, string State, Digest Digest, ushort? Reason, string? ReasonName, Digest? NewDigest, DateTimeOffset? ValidUntil,
    string? Note, string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? TransactionHash,
    string? Error, string Url)
{
    /// <summary>The response for <paramref name="request"/>, its stored error (<see cref="StoredError"/>) said in <paramref name="language"/>.</summary>
    public static ChangeRequestResponse Of(ChangeRequest request, string language = ProblemLanguages.English)
        => new(request.Id, request.Kind, request.State, request.Digest, request.Reason,
            request.Reason is { } reason ? RevocationReasons.Find(reason)?.Name : null, request.NewDigest, request.ValidUntil, request.Note,
            request.RequestedBy, request.RequestedAt, request.DecidedBy, request.DecidedAt, request.TransactionHash, StoredErrors.Render(request.Error, language),
            ChangeRequestsApi.Route + "/" + request.Id);
}
