using System.ComponentModel;
using EthGov.Api.Audit;
using EthGov.Api.Auth;
using EthGov.Api.Documents;
using EthGov.Api.Indexing;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Api.Requests;
using EthGov.Application.ApiKeys;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Nethereum.Util;

namespace EthGov.Api.Departments;

/// <summary>Departments and their governance: open reads from the chain, proposals and approvals by department keys.</summary>
public static class DepartmentsApi
{
    private const int MaxProposalsPerPage = 100;

    /// <summary>Maps /api/v1/departments.</summary>
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/departments").WithTags("Departments");
        open.MapGet("/", List).WithName("ListDepartments").WithSummary("The departments with their status and signer keys, by id, a page at a time");
        open.MapGet("/{code}", Get).WithName("GetDepartment").WithSummary("One department by code");
        open.MapGet("/proposals", ListProposals).WithName("ListProposals").WithSummary("Governance proposals, as indexed from the chain, with their current state, oldest first, a page at a time");
        open.MapGet("/proposals/{id}", GetProposal).WithName("GetProposal").WithSummary("One governance proposal");

        var write = app.MapGroup("/api/v1/departments/proposals").WithTags("Departments")
            .RequireScope(ApiKeyScopes.Governance).AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        write.MapPost("/", Propose).WithName("Propose")
            .WithSummary("Propose adding, suspending, restoring or recovering a department, a new threshold, a compromise report or revoking a suspended department's grants; the caller's department approves at once");
        write.MapPost("/{id}/approvals", Approve).WithName("ApproveProposal").WithSummary("Approve a proposal for the caller's department; it executes at the quorum");
        write.MapPost("/{id}/execution", Execute).WithName("ExecuteProposal")
            .WithSummary("Execute a proposal whose approvals of departments active now reach the quorum (after a suspension or a threshold change lowered it)");
        return app;
    }

    /// <summary>The departments, by id.</summary>
    public static async Task<Results<Ok<Page<DepartmentResponse>>, ProblemHttpResult>> List(
        HttpRequest http, DepartmentDirectory directory, [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize,
        CancellationToken cancellationToken)
    {
        if (PageRequest.Read(cursor, pageSize, "departments", 1, out var invalid) is not { } page)
        {
            return invalid!;
        }

        var list = await directory.ListAsync(cancellationToken);
        if (!list.IsSuccess)
        {
            return ChainProblems.From(list.Error);
        }

        var after = page.After is [var id] ? id : 0;
        var fetched = list.Value.Where(d => d.Id > after).OrderBy(d => d.Id).Take(page.Size + 1).Select(DepartmentResponse.From).ToList();
        return TypedResults.Ok(page.ToPage(fetched, http, "departments", d => [d.Id]));
    }

    /// <summary>One department.</summary>
    public static async Task<Results<Ok<DepartmentResponse>, ProblemHttpResult>> Get(string code, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        var found = await directory.FindAsync(code, cancellationToken);
        if (!found.IsSuccess)
        {
            return ChainProblems.From(found.Error);
        }

        return found.Value is { } department ? TypedResults.Ok(DepartmentResponse.From(department)) : DepartmentNotFound(code);
    }

    /// <summary>Proposals known to the index, oldest first, each with its state read from the chain.</summary>
    public static async Task<Results<Ok<Page<ProposalResponse>>, ProblemHttpResult>> ListProposals(
        HttpRequest http, IndexStore index, DepartmentDirectory directory, [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize,
        CancellationToken cancellationToken)
    {
        // Each proposal is one chain read: a smaller page than other lists keeps one request from asking for hundreds.
        if (PageRequest.Read(cursor, pageSize, "proposals", 2, out var invalid, MaxProposalsPerPage) is not { } page)
        {
            return invalid!;
        }

        var departments = await directory.ListAsync(cancellationToken);
        if (!departments.IsSuccess)
        {
            return ChainProblems.From(departments.Error);
        }

        var created = index.ByName("ProposalCreated", AuditApi.After(page), page.Size + 1);
        var events = page.ToPage(created, http, "proposals", e => [(long)e.BlockNumber, e.LogIndex]);
        var proposals = new List<ProposalResponse>(events.Items.Count);
        foreach (var row in events.Items)
        {
            var id = System.Numerics.BigInteger.Parse(row.Data.GetProperty("proposalId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var proposal = await ReadAsync(id, directory, departments.Value);
            if (proposal.Problem is { } problem)
            {
                return problem;
            }

            proposals.Add(proposal.Response!);
        }

        return TypedResults.Ok(new Page<ProposalResponse>(proposals, events.Next));
    }

    /// <summary>One proposal.</summary>
    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> GetProposal(string id, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (!ProposalIds.TryParse(id, out var proposalId))
        {
            return Problems.Problems.InvalidRequest(DepartmentTexts.IdAPositiveProposalNumberIs);
        }

        var departments = await directory.ListAsync(cancellationToken);
        if (!departments.IsSuccess)
        {
            return ChainProblems.From(departments.Error);
        }

        var proposal = await ReadAsync(proposalId, directory, departments.Value);
        return proposal.Problem is { } problem ? problem : TypedResults.Ok(proposal.Response!);
    }

    /// <summary>A proposal with its standing: live approvals and quorum read at one block.</summary>
    private static async Task<(ProposalResponse? Response, ProblemHttpResult? Problem)> ReadAsync(
        System.Numerics.BigInteger proposalId, DepartmentDirectory directory, IReadOnlyList<DepartmentInfo> departments)
    {
        var proposal = await directory.Reader.Departments.ProposalAsync(proposalId);
        if (!proposal.IsSuccess)
        {
            return (null, ChainProblems.From(proposal.Error));
        }

        var standing = await directory.Reader.Governance.StandingAsync(proposalId);
        return standing.IsSuccess
            ? (ProposalResponse.From(proposal.Value, standing.Value, departments), null)
            : (null, ChainProblems.From(standing.Error));
    }

    /// <summary>Creates a proposal.</summary>
    public static async Task<Results<Created<ProposalCreatedResponse>, ProblemHttpResult>> Propose(
        ProposalRequest request, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (RequestTimes.OutOfRange("deadline", request.Deadline) is { } outOfRange)
        {
            return outOfRange;
        }

        if (ProposalDeadline.Check(request.Deadline, DateTimeOffset.UtcNow) is { } deadlineFault)
        {
            return Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidDeadline, "The deadline must be in the future and at most 30 days ahead", DepartmentTexts.DeadlineInvalid(deadlineFault, request.Deadline!.Value));
        }

        var departments = caller.Signer.Departments;
        EthGov.Chain.Abi.ChainResult<System.Numerics.BigInteger> result;
        switch (request.Kind)
        {
            case ProposalKind.AddDepartment:
                if (string.IsNullOrWhiteSpace(request.Code) || string.IsNullOrWhiteSpace(request.Name) || request.Signer is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(request.Signer))
                {
                    return Problems.Problems.InvalidRequest(DepartmentTexts.AddDepartmentNeedsCodeNameAnd);
                }

                result = await departments.ProposeAddAsync(request.Code, request.Name, request.Signer, request.Deadline, cancellationToken);
                break;
            case ProposalKind.SuspendDepartment or ProposalKind.RestoreDepartment or ProposalKind.ReplaceSigners or ProposalKind.ClearNode:
                if (string.IsNullOrWhiteSpace(request.Department))
                {
                    return Problems.Problems.InvalidRequest(DepartmentTexts.DepartmentTheTargetDepartmentSCode);
                }

                if (request.Kind == ProposalKind.ReplaceSigners
                    && (request.Signers is not { Length: > 0 } signers || !signers.All(a => a is not null && AddressUtil.Current.IsValidEthereumAddressHexFormat(a))))
                {
                    return Problems.Problems.InvalidRequest(DepartmentTexts.SignersTheDepartmentSNewKeys);
                }

                var target = await directory.FindAsync(request.Department, cancellationToken);
                if (!target.IsSuccess)
                {
                    return ChainProblems.From(target.Error);
                }

                if (target.Value is not { } department)
                {
                    return DepartmentNotFound(request.Department);
                }

                result = request.Kind switch
                {
                    ProposalKind.SuspendDepartment => await departments.ProposeSuspendAsync(department.Id, request.Deadline, cancellationToken),
                    ProposalKind.RestoreDepartment => await departments.ProposeRestoreAsync(department.Id, request.Deadline, cancellationToken),
                    ProposalKind.ClearNode => await departments.ProposeClearNodeAsync(department.Id, request.Deadline, cancellationToken),
                    _ => await departments.ProposeReplaceSignersAsync(department.Id, request.Signers!, request.Deadline, cancellationToken),
                };
                break;
            case ProposalKind.ReportCompromisedKey:
                if (request.Key is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(request.Key))
                {
                    return Problems.Problems.InvalidRequest(DepartmentTexts.KeyTheCompromisedKeySAddress);
                }

                if (KeysApi.CompromisedSinceProblem(request.CompromisedSince) is { } sinceProblem)
                {
                    return sinceProblem;
                }

                result = await departments.ProposeReportCompromisedKeyAsync(request.Key, request.CompromisedSince!.Value, request.Deadline, cancellationToken);
                break;
            case ProposalKind.RevokeGrants:
                var grantIds = new List<System.Numerics.BigInteger>();
                foreach (var text in request.GrantIds ?? [])
                {
                    if (!ProposalIds.TryParse(text ?? string.Empty, out var grantId))
                    {
                        return Problems.Problems.InvalidRequest(DepartmentTexts.GrantIdsPositiveGrantNumbers);
                    }

                    grantIds.Add(grantId);
                }

                if (grantIds.Count == 0)
                {
                    return Problems.Problems.InvalidRequest(DepartmentTexts.GrantIdsTheGrantsToRevokeAre);
                }

                result = await caller.Signer.Grants.ProposeRevokeGrantsAsync(grantIds, request.Deadline, cancellationToken);
                break;
            case ProposalKind.ChangeThreshold:
                if (request.Threshold is not { } threshold)
                {
                    return Problems.Problems.InvalidRequest(DepartmentTexts.ThresholdTheNewThresholdIsRequired);
                }

                result = await departments.ProposeThresholdAsync(threshold, request.Deadline, cancellationToken);
                break;
            default:
                return Problems.Problems.InvalidRequest(DepartmentTexts.KindOneOfAddDepartmentSuspend);
        }

        if (!result.IsSuccess)
        {
            return ChainProblems.From(result.Error);
        }

        directory.Invalidate();
        var id = result.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = "/api/v1/departments/proposals/" + id;
        return TypedResults.Created(url, new ProposalCreatedResponse(id, url));
    }

    /// <summary>Approves a proposal.</summary>
    public static Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> Approve(
        string id, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
        => SendForProposalAsync(id, caller.Signer.Departments.ApproveAsync, directory, cancellationToken);

    /// <summary>Executes a proposal whose live approvals reach the quorum.</summary>
    public static Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> Execute(
        string id, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
        => SendForProposalAsync(id, caller.Signer.Departments.ExecuteAsync, directory, cancellationToken);

    // Approving and executing differ only in the transaction: both may change who is active, so the directory is refreshed.
    private static async Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> SendForProposalAsync(
        string id, Func<System.Numerics.BigInteger, CancellationToken, Task<ChainResult<TransactionOutcome>>> send,
        DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (!ProposalIds.TryParse(id, out var proposalId))
        {
            return Problems.Problems.InvalidRequest(DepartmentTexts.IdAPositiveProposalNumberIs);
        }

        var sent = await send(proposalId, cancellationToken);
        if (!sent.IsSuccess)
        {
            return ChainProblems.From(sent.Error);
        }

        directory.Invalidate();
        return TypedResults.Ok(new TransactionResponse(sent.Value.TransactionHash, sent.Value.BlockNumber, sent.Value.BlockTime));
    }

    internal static ProblemHttpResult DepartmentNotFound(string code)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.DepartmentNotFound, "The department does not exist", DepartmentTexts.NoDepartmentWithCode.With(code));
}
