using System.ComponentModel;
using EthGov.Api.Auth;
using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Audit;

/// <summary>
/// The audit trail, from the event index: every grant, revocation, access and document event of a record (open
/// to anyone) or of a department (that department's key only), oldest first, with block and transaction, a page at a time.
/// </summary>
public static class AuditApi
{
    /// <summary>The cursor kind of audit timelines (positions are block and log index).</summary>
    internal const string CursorKind = "events";

    /// <summary>Maps /api/v1/audit.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/records/{recordId}", ForRecord).WithName("AuditRecord").WithSummary("The timeline of one record: grants, revocations, accesses and document events, a page at a time");
        group.MapGet("/departments/{code}", ForDepartment).WithName("AuditDepartment").WithSummary("The timeline of a department (its own key only), a page at a time")
            .RequireAuthorization();
        return app;
    }

    /// <summary>A record's timeline.</summary>
    public static Results<Ok<Page<IndexedEventRow>>, ProblemHttpResult> ForRecord(
        string recordId, HttpRequest http, IndexStore index, ChainStatus status,
        [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize)
    {
        if (!Digest.TryParse(recordId, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("recordId", DigestReason.Of(error)));
        }

        if (PageRequest.Read(cursor, pageSize, CursorKind, 2, out var invalid) is not { } page)
        {
            return invalid!;
        }

        return status.ResetDetected is { } reset
            ? ChainProblems.From(ChainStatus.ResetError(reset))
            : TypedResults.Ok(ToPage(page, index.ByRecord(parsed, After(page), page.Size + 1), http));
    }

    /// <summary>A department's timeline.</summary>
    public static async Task<Results<Ok<Page<IndexedEventRow>>, ProblemHttpResult>> ForDepartment(
        string code, HttpContext http, IndexStore index, ChainStatus status, DepartmentDirectory directory,
        [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize, CancellationToken cancellationToken)
    {
        if (!string.Equals(ActingDepartment.CodeOf(http.User), code, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The API key may not do this", AuditTexts.AKeyReadsTheTimelineOf);
        }

        if (PageRequest.Read(cursor, pageSize, CursorKind, 2, out var invalid) is not { } page)
        {
            return invalid!;
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
            ? TypedResults.Ok(ToPage(page, index.ByDepartment(department.Id, After(page), page.Size + 1), http.Request))
            : DepartmentsApi.DepartmentNotFound(code);
    }

    /// <summary>The event position a page of events starts after.</summary>
    internal static EventPosition? After(PageRequest page)
        => page.After is [var block, var log] ? new EventPosition((ulong)block, log) : null;

    /// <summary>A page of events with its next link.</summary>
    internal static Page<IndexedEventRow> ToPage(PageRequest page, IReadOnlyList<IndexedEventRow> fetched, HttpRequest http)
        => page.ToPage(fetched, http, CursorKind, e => [(long)e.BlockNumber, e.LogIndex]);
}
