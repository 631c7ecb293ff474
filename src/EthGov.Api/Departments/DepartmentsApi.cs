using EthGov.Api.Auth;
using EthGov.Api.Documents;
using EthGov.Api.Indexing;
using EthGov.Api.Problems;
using EthGov.Api.Requests;
using EthGov.Chain.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Nethereum.Util;

namespace EthGov.Api.Departments;

/// <summary>Departments and their governance: open reads from the chain, proposals and approvals by department keys.</summary>
public static class DepartmentsApi
{
    /// <summary>Maps /api/v1/departments.</summary>
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/departments").WithTags("Departments");
        open.MapGet("/", List).WithName("ListDepartments").WithSummary("All departments with their status and signer keys");
        open.MapGet("/{code}", Get).WithName("GetDepartment").WithSummary("One department by code");
        open.MapGet("/proposals", ListProposals).WithName("ListProposals").WithSummary("Governance proposals, as indexed from the chain, with their current state");
        open.MapGet("/proposals/{id}", GetProposal).WithName("GetProposal").WithSummary("One governance proposal");

        var write = app.MapGroup("/api/v1/departments/proposals").WithTags("Departments")
            .RequireAuthorization().AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        write.MapPost("/", Propose).WithName("Propose").WithSummary("Propose adding, suspending or restoring a department, or a new threshold; the caller's department approves at once");
        write.MapPost("/{id}/approvals", Approve).WithName("ApproveProposal").WithSummary("Approve a proposal for the caller's department; it executes at the quorum");
        return app;
    }

    /// <summary>All departments.</summary>
    public static async Task<Results<Ok<DepartmentResponse[]>, ProblemHttpResult>> List(DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        var list = await directory.ListAsync(cancellationToken);
        return list.IsSuccess ? TypedResults.Ok(list.Value.Select(DepartmentResponse.From).ToArray()) : ChainProblems.From(list.Error);
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

    /// <summary>Proposals known to the index.</summary>
    public static async Task<Results<Ok<ProposalResponse[]>, ProblemHttpResult>> ListProposals(IndexStore index, DepartmentDirectory directory)
    {
        var created = index.ByName("ProposalCreated", 1, 500).Items;
        var proposals = new List<ProposalResponse>();
        foreach (var row in created)
        {
            var id = System.Numerics.BigInteger.Parse(row.Data.GetProperty("proposalId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var proposal = await directory.Reader.Departments.ProposalAsync(id);
            if (!proposal.IsSuccess)
            {
                return ChainProblems.From(proposal.Error);
            }

            proposals.Add(ProposalResponse.From(proposal.Value));
        }

        return TypedResults.Ok(proposals.ToArray());
    }

    /// <summary>One proposal.</summary>
    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> GetProposal(string id, DepartmentDirectory directory)
    {
        if (!ProposalIds.TryParse(id, out var proposalId))
        {
            return Problems.Problems.InvalidRequest("id: a positive proposal number is required");
        }

        var proposal = await directory.Reader.Departments.ProposalAsync(proposalId);
        return proposal.IsSuccess ? TypedResults.Ok(ProposalResponse.From(proposal.Value)) : ChainProblems.From(proposal.Error);
    }

    /// <summary>Creates a proposal.</summary>
    public static async Task<Results<Created<ProposalCreatedResponse>, ProblemHttpResult>> Propose(
        ProposalRequest request, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (RequestTimes.OutOfRange("deadline", request.Deadline) is { } outOfRange)
        {
            return outOfRange;
        }

        var departments = caller.Signer.Departments;
        EthGov.Chain.Abi.ChainResult<System.Numerics.BigInteger> result;
        switch (request.Kind)
        {
            case ProposalKind.AddDepartment:
                if (string.IsNullOrWhiteSpace(request.Code) || string.IsNullOrWhiteSpace(request.Name) || request.Signer is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(request.Signer))
                {
                    return Problems.Problems.InvalidRequest("add-department needs code, name and a signer address (0x + 40 hex digits)");
                }

                result = await departments.ProposeAddAsync(request.Code, request.Name, request.Signer, request.Deadline, cancellationToken);
                break;
            case ProposalKind.SuspendDepartment or ProposalKind.RestoreDepartment:
                if (string.IsNullOrWhiteSpace(request.Department))
                {
                    return Problems.Problems.InvalidRequest("department: the target department's code is required");
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

                result = request.Kind == ProposalKind.SuspendDepartment
                    ? await departments.ProposeSuspendAsync(department.Id, request.Deadline, cancellationToken)
                    : await departments.ProposeRestoreAsync(department.Id, request.Deadline, cancellationToken);
                break;
            case ProposalKind.ChangeThreshold:
                if (request.Threshold is not { } threshold)
                {
                    return Problems.Problems.InvalidRequest("threshold: the new threshold is required");
                }

                result = await departments.ProposeThresholdAsync(threshold, request.Deadline, cancellationToken);
                break;
            default:
                return Problems.Problems.InvalidRequest("kind: one of add-department, suspend-department, restore-department, change-threshold");
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
    public static async Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> Approve(
        string id, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (!ProposalIds.TryParse(id, out var proposalId))
        {
            return Problems.Problems.InvalidRequest("id: a positive proposal number is required");
        }

        var sent = await caller.Signer.Departments.ApproveAsync(proposalId, cancellationToken);
        if (!sent.IsSuccess)
        {
            return ChainProblems.From(sent.Error);
        }

        directory.Invalidate();
        return TypedResults.Ok(new TransactionResponse(sent.Value.TransactionHash, sent.Value.BlockNumber, sent.Value.BlockTime));
    }

    internal static ProblemHttpResult DepartmentNotFound(string code)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.DepartmentNotFound, "The department does not exist", $"no department with code {code}");
}
