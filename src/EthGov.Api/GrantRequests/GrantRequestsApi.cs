using System.ComponentModel;
using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Grants;
using EthGov.Api.Outbox;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Application.ApiKeys;
using EthGov.Application.Nodes;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// Grant requests between departments, as their staff see them. A clerk of the requester asks its own node (scope
/// <c>exchanges</c>), which stores the request before answering 202 and hands it to the holder's node over the signed
/// node route; a clerk of the holder approves (the holder's node creates the legal-basis grant on chain with the holder's
/// signer) or refuses with a reason (scope <c>grants</c>), and the holder's node tells the requester's node. A department
/// sees and decides its own requests only.
/// </summary>
public static class GrantRequestsApi
{
    /// <summary>The route.</summary>
    public const string Route = "/api/v1/grant-requests";

    /// <summary>The most requests on one page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Maps /api/v1/grant-requests.</summary>
    public static IEndpointRouteBuilder MapGrantRequestsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup(Route).WithTags("Grant requests").RequireAuthorization();
        read.MapGet("/", List).WithName("ListGrantRequests")
            .WithSummary("The caller's department's grant requests, asked by it (outgoing) or of it (incoming), newest first, a page at a time");
        read.MapGet("/{id:long}", Get).WithName("GetGrantRequest").WithSummary("One grant request of the caller's department and where it stands");

        app.MapGroup(Route).WithTags("Grant requests").RequireScope(ApiKeyScopes.Exchanges)
            .MapPost("/", Ask).AddEndpointFilter(ActingDepartment.RequireActiveDepartment).WithName("AskGrantRequest")
            .WithSummary("Ask another department for a legal-basis grant of a record or a kind of record; its node is told over the signed node route");

        var decide = app.MapGroup(Route).WithTags("Grant requests").RequireScope(ApiKeyScopes.Grants).AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        decide.MapPost("/{id:long}/approval", Approve).WithName("ApproveGrantRequest")
            .WithSummary("Approve an incoming request: the grant is created on chain with the caller's department's signer, and the requester told");
        decide.MapPost("/{id:long}/refusal", Refuse).WithName("RefuseGrantRequest")
            .WithSummary("Refuse an incoming request with a reason in words; the requester is told");
        return app;
    }

    /// <summary>Stores the request, answers 202, and wakes the worker that hands it to the holder's node.</summary>
    public static async Task<Results<Accepted<GrantRequestResponse>, ProblemHttpResult>> Ask(
        AskGrantRequest request, HttpContext http, ActingDepartment caller, DepartmentDirectory directory, GrantRequestStore store, GrantRequestSignal signal,
        IOptions<GrantRequestOptions> options, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        Digest? recordId = null;
        if (request.RecordId is not null)
        {
            if (!Digest.TryParse(request.RecordId, out var parsed, out var error))
            {
                return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("recordId", DigestReason.Of(error)));
            }

            recordId = parsed;
        }

        if (GrantRequestRules.Check(recordId, request.Kind, request.Purpose, request.ExpiresAt, request.LegalBasis, request.Terms, request.Note) is { } invalid)
        {
            return invalid;
        }

        var holder = await GrantsApi.GranteeAsync(request.HolderDepartment, directory, cancellationToken);
        if (holder.Problem is { } unknown)
        {
            return unknown;
        }

        if (holder.Id == caller.Department.Id)
        {
            return Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.SelfGrant, "A department cannot grant access to itself",
                GrantRequestTexts.HolderDepartmentIsTheCallerSOwn.With(caller.Department.Code));
        }

        var limit = options.Value.MaxOpenPerDepartment;
        if (store.CountOpen(GrantRequestDirections.Outgoing, caller.Department.Id) >= limit)
        {
            return GrantRequestProblems.QueueFullProblem(caller.Department.Code, limit);
        }

        if (services.GetService<NodeKeys>() is null)
        {
            return Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NodeKeyMissing, "This node has no node key",
                GrantRequestTexts.ConfigureEthGovNodeKeyRequestsToOther);
        }

        var holderInfo = (await directory.FindAsync(holder.Id, cancellationToken)).Value!;
        var (stored, _) = store.Add(new GrantRequest(
            0, GrantRequestRules.NewRequestId(), GrantRequestDirections.Outgoing, caller.Department.Id, caller.Department.Code, holder.Id, holderInfo.Code,
            recordId, request.Kind, request.Purpose!.Value, DateTimeOffset.FromUnixTimeSeconds(request.ExpiresAt!.Value.ToUnixTimeSeconds()), request.LegalBasis!,
            request.Terms, request.Note, GrantRequestStates.Sending, CallerName(http), time.GetUtcNow(), null, null, null, null, null, Notify: true, 0,
            DateTimeOffset.UnixEpoch, null));
        signal.Due();
        return TypedResults.Accepted($"{Route}/{stored.Id}", GrantRequestResponse.Of(stored));
    }

    /// <summary>A page of the caller's department's requests in one direction.</summary>
    public static async Task<Results<Ok<GrantRequestPage>, ProblemHttpResult>> List(
        HttpContext http, DepartmentDirectory directory, GrantRequestStore store,
        [Description("incoming (asked of the caller's department) or outgoing (asked by it)")] string? direction,
        [Description("sending, pending, approving, approved or refused; all when absent")] string? state,
        [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize, CancellationToken cancellationToken)
    {
        if (direction is not (GrantRequestDirections.Incoming or GrantRequestDirections.Outgoing))
        {
            return Problems.Problems.InvalidRequest(GrantRequestTexts.DirectionIncomingOrOutgoing);
        }

        if (state is not null && !GrantRequestStates.All.Contains(state))
        {
            return Problems.Problems.InvalidRequest(GrantRequestTexts.StateOneOf.With(string.Join(", ", GrantRequestStates.All)));
        }

        if (PageRequest.Read(cursor, pageSize, "grant-requests", 1, out var invalid, MaxPageSize) is not { } page)
        {
            return invalid!;
        }

        if (await DepartmentOfAsync(http, directory, cancellationToken) is not { } department)
        {
            return TypedResults.Ok(new GrantRequestPage([], null, null));
        }

        var fetched = store.List(direction, department, state, page.After is [var after] ? after : long.MaxValue, page.Size + 1);
        var shown = page.ToPage(fetched, http.Request, "grant-requests", r => [r.Id]);
        return TypedResults.Ok(new GrantRequestPage([.. shown.Items.Select(r => GrantRequestResponse.Of(r, ProblemLanguages.Preferred(http.Request)))], shown.Next, ActingDepartment.CodeOf(http.User)));
    }

    /// <summary>One request of the caller's department.</summary>
    public static async Task<Results<Ok<GrantRequestResponse>, ProblemHttpResult>> Get(
        long id, HttpContext http, DepartmentDirectory directory, GrantRequestStore store, CancellationToken cancellationToken)
        => store.Get(id) is { } request && await DepartmentOfAsync(http, directory, cancellationToken) is { } department && Sees(request, department)
            ? TypedResults.Ok(GrantRequestResponse.Of(request, ProblemLanguages.Preferred(http.Request)))
            : GrantRequestProblems.NotFoundProblem(id);

    /// <summary>
    /// Approves an incoming request of the caller's department: claims it (so it is approved once), creates the grant
    /// through the grant routes' own code, and has the requester told; a failed grant leaves the request pending.
    /// </summary>
    public static async Task<Results<Ok<GrantRequestResponse>, ProblemHttpResult>> Approve(
        long id, HttpContext http, ActingDepartment caller, GrantRequestStore store, GrantRequestSignal signal, GrantRequestApprovals approvals,
        DepartmentDirectory directory, DocumentIndex index, BatchStore batches, ReceiptService receipts)
    {
        if (Incoming(store, id, caller) is not { } request)
        {
            return GrantRequestProblems.NotFoundProblem(id);
        }

        if (!store.TryClaim(id, CallerName(http)))
        {
            return GrantRequestProblems.DecidedProblem(store.Get(id)!);
        }

        // A grant this request got before (an approval the node stopped in, settled since) is not made twice.
        if (approvals.ApproveWithExistingGrant(request))
        {
            return Approved(id, store, signal);
        }

        // Once claimed, the grant is sent to its end even when the clerk goes away, so the request is settled.
        var legalBasis = GrantRequestRules.LegalBasisDigest(request.LegalBasis).ToString();
        var sent = request.RecordId is { } recordId
            ? (await GrantsApi.GrantUnderLegalBasis(
                new LegalBasisGrantRequest(recordId.ToString(), request.RequesterCode, request.Purpose, request.ExpiresAt, legalBasis, request.Terms),
                caller, directory, index, batches, receipts, CancellationToken.None)).Result
            : (await GrantsApi.GrantKind(
                new KindGrantRequest(request.Kind, request.RequesterCode, request.Purpose, request.ExpiresAt, legalBasis, request.Terms),
                caller, directory, CancellationToken.None)).Result;
        if (sent is Created<GrantCreatedResponse> { Value: { } grant })
        {
            store.Approved(id, grant.GrantId, grant.TransactionHash);
            return Approved(id, store, signal);
        }

        var problem = (ProblemHttpResult)sent;
        store.Unclaim(id, StoredErrors.Of(problem).ToString());
        return problem;
    }

    // An approved request: the requester is to be told, the clerk sees it as it stands.
    private static Ok<GrantRequestResponse> Approved(long id, GrantRequestStore store, GrantRequestSignal signal)
    {
        signal.Due();
        return TypedResults.Ok(GrantRequestResponse.Of(store.Get(id)!));
    }

    /// <summary>Refuses an incoming request of the caller's department with a reason; the requester is told.</summary>
    public static Results<Ok<GrantRequestResponse>, ProblemHttpResult> Refuse(
        long id, RefuseGrantRequest body, HttpContext http, ActingDepartment caller, GrantRequestStore store, GrantRequestSignal signal)
    {
        if (body?.Reason is not { } reason || string.IsNullOrWhiteSpace(reason) || reason.Length > GrantRequestRules.MaxNoteLength)
        {
            return Problems.Problems.InvalidRequest(GrantRequestTexts.ReasonWhyInWords1To.With(GrantRequestRules.MaxNoteLength));
        }

        if (Incoming(store, id, caller) is null)
        {
            return GrantRequestProblems.NotFoundProblem(id);
        }

        if (!store.TryRefuse(id, CallerName(http), reason.Trim()))
        {
            return GrantRequestProblems.DecidedProblem(store.Get(id)!);
        }

        signal.Due();
        return TypedResults.Ok(GrantRequestResponse.Of(store.Get(id)!));
    }

    // Only the holder decides, and only on its own copy: the requester's outgoing copy of the same request is not decidable.
    private static GrantRequest? Incoming(GrantRequestStore store, long id, ActingDepartment caller)
        => store.Get(id) is { Direction: GrantRequestDirections.Incoming } request && request.Holder == caller.Department.Id ? request : null;

    private static bool Sees(GrantRequest request, uint department)
        => request.Direction == GrantRequestDirections.Incoming ? request.Holder == department : request.Requester == department;

    private static async Task<uint?> DepartmentOfAsync(HttpContext http, DepartmentDirectory directory, CancellationToken cancellationToken)
        => ActingDepartment.CodeOf(http.User) is { } code && await directory.FindAsync(code, cancellationToken) is { IsSuccess: true, Value: { } found }
            ? found.Id
            : null;

    private static string CallerName(HttpContext http) => (http.User.Identity as IScopedCaller)?.CallerName ?? "unknown caller";
}
