using EthGov.Api.Auth;
using EthGov.Api.Documents;
using EthGov.Api.Outbox;
using EthGov.Api.Staff;
using EthGov.Application.Staff;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.ChangeRequests;

/// <summary>
/// Turns a revocation or supersession into a pending <see cref="ChangeRequest"/> when the node requires a second
/// clerk (<see cref="WorkspaceOptions.RevocationApprovals"/>). Every caller goes through it then, a clerk's session and
/// an API key alike: a key with scope <c>revoke</c> may ask, and a clerk with the approver role decides, so turning
/// four eyes on cannot be bypassed by a key. The document is checked as far as the node can before the request is
/// stored (the department's own, anchored, no other request waiting); the chain has the last word when it is approved.
/// </summary>
public sealed class ChangeRequestIntake(
    ChangeRequestStore store, IssuedDocuments documents, DocumentIndex index, StaffAudit audit, IOptions<WorkspaceOptions> options, TimeProvider time)
{
    /// <summary>Whether revocations and supersessions wait for a second clerk on this node.</summary>
    public bool RequiresApproval => options.Value.RequiresApproval;

    /// <summary>Stores the request, after its audit line when a clerk asks; or the problem saying why not.</summary>
    public async Task<(ChangeRequest? Request, ProblemHttpResult? Problem)> RequestAsync(
        HttpContext http, ActingDepartment caller, string kind, Digest digest, ushort? reason, Digest? newDigest, DateTimeOffset? validUntil,
        string? note, CancellationToken cancellationToken)
    {
        var (_, refusal) = documents.Locate(digest, caller.Department);
        if (refusal is not null)
        {
            return (null, DocumentsApi.ProblemOf(refusal));
        }

        if (newDigest is { } successor && index.TryGet(successor, out _))
        {
            return (null, DocumentsApi.ProblemOf(new DocumentChangeFailure.SuccessorTaken(successor)));
        }

        if (store.HasOpen(caller.Department.Code, digest))
        {
            return (null, ChangeRequestProblems.AlreadyOpen(digest.ToString()));
        }

        var staff = http.User.Identity as StaffIdentity;
        if (staff is not null)
        {
            try
            {
                await audit.WriteAsync(staff.Account.Name, staff.Account.Department,
                    kind == ChangeRequestKinds.Revocation ? "RequestRevocation" : "RequestSupersession", $"digest={digest}", cancellationToken);
            }
            catch (StaffAuditUnavailableException)
            {
                return (null, StaffProblems.AuditUnavailable());
            }
        }

        try
        {
            return (store.Add(new ChangeRequest(0, caller.Department.Code, kind, digest, reason, newDigest, validUntil, note,
                (http.User.Identity as IScopedCaller)?.CallerName ?? "unknown caller", staff?.Account.Id, time.GetUtcNow(), ChangeRequestStates.Pending)), null);
        }
        catch (System.Data.Common.DbException ex)
        {
            return (null, Problems.Problems.OutboxUnavailable(ChangeRequestTexts.TheChangeRequestCouldNotBe.With(EthGov.Application.Storage.StoreErrors.Code(ex))));
        }
    }
}
