using System.ComponentModel;
using EthGov.Api.Auth;
using EthGov.Api.Documents;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Api.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.ChangeRequests;

/// <summary>
/// Four eyes: the revocations and supersessions that wait for a second clerk, and that clerk's decision. Only a
/// signed-in clerk with the approver role decides, never the clerk who asked and never an API key (a key is a machine,
/// not a second person); a request is decided once. An approved change is sent as a direct one would be and answered
/// once confirmed. Each decision writes its audit line first (<see cref="StaffAuditFilter"/>).
/// </summary>
public static class ChangeRequestsApi
{
    /// <summary>The route.</summary>
    public const string Route = "/api/v1/change-requests";

    /// <summary>The most requests one list answer holds.</summary>
    public const int MaxListed = 200;

    /// <summary>Maps /api/v1/change-requests.</summary>
    public static IEndpointRouteBuilder MapChangeRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("Change requests").RequireAuthorization();
        group.MapGet("/", List).WithName("ListChangeRequests")
            .WithSummary("The caller's department's revocations and supersessions asked under four eyes, newest first (at most 200)");
        group.MapGet("/{id:long}", Get).WithName("GetChangeRequest")
            .WithSummary("One change request of the caller's department and what became of it");
        group.MapPost("/{id:long}/approval", Approve).WithName("ApproveChangeRequest")
            .WithSummary("A second clerk with the approver role approves: the change is sent and answered once confirmed (never the asking clerk, never an API key)")
            .WithMetadata(ApproverOnly.Instance)
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment)
            .AddEndpointFilter(StaffAuditFilter.InvokeAsync);
        group.MapPost("/{id:long}/refusal", Refuse).WithName("RefuseChangeRequest")
            .WithSummary("A clerk with the approver role refuses: nothing is sent (the asking clerk may withdraw their own request this way)")
            .WithMetadata(ApproverOnly.Instance)
            .AddEndpointFilter(StaffAuditFilter.InvokeAsync);
        return app;
    }

    /// <summary>The caller's department's requests.</summary>
    public static Results<Ok<Page<ChangeRequestResponse>>, ProblemHttpResult> List(
        HttpContext http, ChangeRequestStore store,
        [Description("pending, approving, approved, refused or failed; all when absent")] string? state)
    {
        if (state is not null && !ChangeRequestStates.All.Contains(state))
        {
            return Problems.Problems.InvalidRequest(ChangeRequestTexts.StateUseOneOf.With(string.Join(", ", ChangeRequestStates.All)));
        }

        var department = ActingDepartment.CodeOf(http.User) ?? string.Empty;
        return TypedResults.Ok(new Page<ChangeRequestResponse>([.. store.List(department, state, MaxListed).Select(r => ChangeRequestResponse.Of(r, ProblemLanguages.Preferred(http.Request)))], null));
    }

    /// <summary>One request.</summary>
    public static Results<Ok<ChangeRequestResponse>, ProblemHttpResult> Get(long id, HttpContext http, ChangeRequestStore store)
        => store.Get(id) is { } request && SameDepartment(request, ActingDepartment.CodeOf(http.User))
            ? TypedResults.Ok(ChangeRequestResponse.Of(request, ProblemLanguages.Preferred(http.Request)))
            : ChangeRequestProblems.NotFound(id);

    /// <summary>Approves a request and makes the change.</summary>
    public static async Task<Results<Ok<ChangeRequestResponse>, ProblemHttpResult>> Approve(
        long id, HttpContext http, ActingDepartment caller, ChangeRequestStore store, DocumentRevocation revocation, DocumentSupersession supersession,
        TimeProvider time)
    {
        var (staff, request, problem) = Admit(http, store, id, approving: true);
        if (problem is not null)
        {
            return problem;
        }

        if (!store.TryDecide(id, ChangeRequestStates.Approving, staff!.CallerName, time.GetUtcNow()))
        {
            return ChangeRequestProblems.AlreadyDecided(store.Get(id)!);
        }

        // Once claimed, the change is sent to its end even when the approver goes away, so the request is settled.
        var result = request!.Kind == ChangeRequestKinds.Revocation
            ? await revocation.RevokeAsync(caller.Department, caller.Signer, request.Digest, request.Reason ?? 0, null, CancellationToken.None)
            : await supersession.SupersedeAsync(caller.Department, caller.Signer, request.Digest, request.NewDigest!.Value, request.ValidUntil, null, CancellationToken.None);
        if (result.Failure is { } failure)
        {
            var refused = DocumentsApi.ProblemOf(failure);
            // Kept as a code, said in each reader's language: a refused anchor's own code, else the refusal's.
            store.Settle(id, null, failure is DocumentChangeFailure.AnchorRefused { Error: { } anchor } ? anchor : StoredErrors.Of(refused).ToString());
            return refused;
        }

        store.Settle(id, result.Outcome!.TransactionHash, null);
        return TypedResults.Ok(ChangeRequestResponse.Of(store.Get(id)!, ProblemLanguages.Preferred(http.Request)));
    }

    /// <summary>Refuses a request: nothing is sent.</summary>
    public static Results<Ok<ChangeRequestResponse>, ProblemHttpResult> Refuse(long id, HttpContext http, ChangeRequestStore store, TimeProvider time)
    {
        var (staff, _, problem) = Admit(http, store, id, approving: false);
        if (problem is not null)
        {
            return problem;
        }

        return store.TryDecide(id, ChangeRequestStates.Refused, staff!.CallerName, time.GetUtcNow())
            ? TypedResults.Ok(ChangeRequestResponse.Of(store.Get(id)!, ProblemLanguages.Preferred(http.Request)))
            : ChangeRequestProblems.AlreadyDecided(store.Get(id)!);
    }

    private static (StaffIdentity? Staff, ChangeRequest? Request, ProblemHttpResult? Problem) Admit(HttpContext http, ChangeRequestStore store, long id, bool approving)
    {
        if (http.User.Identity is not StaffIdentity staff)
        {
            return (null, null, ChangeRequestProblems.NeedsClerk());
        }

        if (!staff.Account.Roles.Approver)
        {
            return (null, null, ChangeRequestProblems.ApproverRequired(staff.CallerName));
        }

        if (store.Get(id) is not { } request || !SameDepartment(request, staff.Department))
        {
            return (null, null, ChangeRequestProblems.NotFound(id));
        }

        if (approving && request.RequesterAccount == staff.Account.Id)
        {
            return (null, null, ChangeRequestProblems.OwnRequest(id));
        }

        return request.State == ChangeRequestStates.Pending ? (staff, request, null) : (null, null, ChangeRequestProblems.AlreadyDecided(request));
    }

    private static bool SameDepartment(ChangeRequest request, string? department)
        => string.Equals(request.Department, department, StringComparison.OrdinalIgnoreCase);
}
