using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Problems;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Audit;

/// <summary>
/// The audit trail, from the event index: every grant, revocation, access and document event of a record (open
/// to anyone) or of a department (that department's key only), oldest first, with block and transaction.
/// </summary>
public static class AuditApi
{
    private const int MaxPageSize = 500;

    /// <summary>Maps /api/v1/audit.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/records/{recordId}", ForRecord).WithName("AuditRecord").WithSummary("The timeline of one record: grants, revocations, accesses and document events");
        group.MapGet("/departments/{code}", ForDepartment).WithName("AuditDepartment").WithSummary("The timeline of a department (its own key only)")
            .RequireAuthorization();
        return app;
    }

    /// <summary>A record's timeline.</summary>
    public static Results<Ok<Page<IndexedEventRow>>, ProblemHttpResult> ForRecord(string recordId, IndexStore index, ChainStatus status, int? page, int? pageSize)
    {
        if (!Digest.TryParse(recordId, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest($"recordId: {error}");
        }

        if (PagingProblem(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        return status.ResetDetected is { } reset
            ? ChainProblems.From(ChainStatus.ResetError(reset))
            : TypedResults.Ok(index.ByRecord(parsed, page ?? 1, pageSize ?? 50));
    }

    /// <summary>A department's timeline.</summary>
    public static async Task<Results<Ok<Page<IndexedEventRow>>, ProblemHttpResult>> ForDepartment(
        string code, HttpContext http, IndexStore index, ChainStatus status, DepartmentDirectory directory, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!string.Equals(ActingDepartment.CodeOf(http.User), code, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The API key may not do this", "a key reads the timeline of its own department only");
        }

        if (PagingProblem(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        if (status.ResetDetected is { } reset)
        {
            return ChainProblems.From(ChainStatus.ResetError(reset));
        }

        var found = await directory.FindAsync(code, cancellationToken);
        if (!found.IsSuccess)
        {
            return ChainProblems.From(found.Error);
        }

        return found.Value is { } department
            ? TypedResults.Ok(index.ByDepartment(department.Id, page ?? 1, pageSize ?? 50))
            : DepartmentsApi.DepartmentNotFound(code);
    }

    private static ProblemHttpResult? PagingProblem(int? page, int? pageSize)
        => page is < 1 || pageSize is < 1 or > MaxPageSize
            ? Problems.Problems.InvalidRequest($"page starts at 1; pageSize is 1 to {MaxPageSize}")
            : null;
}
