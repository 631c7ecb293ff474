using System.ComponentModel;
using System.Globalization;
using System.Text;
using EthGov.Api.Auth;
using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Api.Staff;
using EthGov.Chain.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Documents;

/// <summary>
/// The department's register of what its node anchored: a searchable list a page at a time, and the same list as a
/// CSV file. A caller sees its own department's documents only.
/// </summary>
public static class IssuedDocumentsApi
{
    /// <summary>The most documents on one page.</summary>
    public const int MaxPageSize = 200;

    private const string CursorKind = "issued";

    /// <summary>Maps GET /api/v1/documents and /api/v1/documents/export.csv.</summary>
    public static IEndpointRouteBuilder MapIssuedDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/documents").WithTags("Documents").RequireAuthorization();
        group.MapGet("/", List).WithName("ListIssuedDocuments")
            .WithSummary("The documents this node anchored for the caller's department, newest first: search by digest, file name or reference, date and status");
        group.MapGet("/export.csv", Export).WithName("ExportIssuedDocuments")
            .WithSummary("The same list as a CSV file, streamed; refused with 400 export-too-large past EthGov:Documents:MaxExportRows rows")
            .AddEndpointFilter(StaffAuditFilter.InvokeAsync);
        return app;
    }

    /// <summary>A page of the caller's register.</summary>
    public static async Task<Results<Ok<Page<IssuedDocumentResponse>>, ProblemHttpResult>> List(
        HttpContext http, IssuedRegister register, DepartmentDirectory directory, ChainStatus chain,
        [Description("A digest or its first hex digits (at least 4), or text in the file name or reference")] string? q,
        [Description("Accepted at or after this time")] DateTimeOffset? from,
        [Description("Accepted at or before this time")] DateTimeOffset? to,
        [Description("pending, failed, valid, expired, revoked or superseded")] string? status,
        [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize, CancellationToken cancellationToken)
    {
        var (filter, error) = IssuedDocumentFilter.Read(q, from, to, status);
        if (filter is null)
        {
            return Problems.Problems.InvalidRequest(error!);
        }

        if (PageRequest.Read(cursor, pageSize, CursorKind, 1, out var invalid, MaxPageSize) is not { } page)
        {
            return invalid!;
        }

        var (department, refusal) = await CallerAsync(http, directory, chain, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (items, next) = register.Page(department!.Id, filter, page.After?[0], page.Size);
        return TypedResults.Ok(new Page<IssuedDocumentResponse>(items, next is { } before ? PageRequest.NextLink(http.Request, CursorKind, before) : null));
    }

    /// <summary>The caller's register as CSV.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        HttpContext http, IssuedRegister register, DepartmentDirectory directory, ChainStatus chain, IOptions<DocumentsOptions> options,
        string? q, DateTimeOffset? from, DateTimeOffset? to, string? status, CancellationToken cancellationToken)
    {
        var (filter, error) = IssuedDocumentFilter.Read(q, from, to, status);
        if (filter is null)
        {
            return Problems.Problems.InvalidRequest(error!);
        }

        var (department, refusal) = await CallerAsync(http, directory, chain, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var cap = Math.Max(1, options.Value.MaxExportRows);
        var rows = register.Count(department!.Id, filter);
        if (rows > cap)
        {
            return Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.ExportTooLarge, "The export would be too large",
                DocumentTexts.DocumentsMatchBeforeTheStatusFilter.With(rows, cap),
                new Dictionary<string, object?> { ["matching"] = rows, ["maxRows"] = cap });
        }

        var fileName = $"{department.Code.ToLowerInvariant()}-documents-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}.csv";
        return TypedResults.Stream(body => WriteAsync(body, register.All(department.Id, filter).Take(cap), http.RequestAborted), "text/csv; charset=utf-8", fileName);
    }

    private static async Task WriteAsync(Stream body, IEnumerable<IssuedDocumentResponse> documents, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024);
        var line = new StringBuilder();
        CsvCells.AppendLine(line, "digest", "status", "acceptedAt", "validUntil", "fileName", "reference", "kind", "receiptUrl", "qrCodeUrl");
        var written = 0;
        foreach (var d in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CsvCells.AppendLine(line, d.Digest.ToString(), d.Status, Time(d.AcceptedAt), d.ValidUntil is { } until ? Time(until) : null,
                d.FileName, d.Reference, d.Kind, d.ReceiptUrl, d.QrCodeUrl);
            if (++written % 256 == 0)
            {
                await writer.WriteAsync(line, cancellationToken);
                await writer.FlushAsync(cancellationToken);
                line.Clear();
            }
        }

        await writer.WriteAsync(line, cancellationToken);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task<(DepartmentInfo? Department, ProblemHttpResult? Refusal)> CallerAsync(
        HttpContext http, DepartmentDirectory directory, ChainStatus chain, CancellationToken cancellationToken)
    {
        if (chain.ResetDetected is { } reset)
        {
            return (null, ChainProblems.From(ChainStatus.ResetError(reset)));
        }

        var found = await directory.FindAsync(ActingDepartment.CodeOf(http.User) ?? string.Empty, cancellationToken);
        if (!found.IsSuccess)
        {
            return (null, ChainProblems.From(found.Error));
        }

        return found.Value is { } department
            ? (department, null)
            : (null, Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The caller's department is not in the registry", DocumentTexts.AKeyOrClerkOfA));
    }
}
