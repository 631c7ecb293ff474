using System.Globalization;
using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Problems;
using EthGov.Api.Records;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Timeline;

/// <summary>
/// The timeline of a record, for the department that keeps it on this node: grants, logged accesses, the holder's own
/// releases, and the record's erasure on both sides (the holder's notices, or the notices a grantee acted on).
/// </summary>
public static class RecordTimelineApi
{
    // One answer, not a paged list: a record's grants and releases are few; the bound keeps a hostile history from growing it.
    private const int MaxItems = 1000;

    /// <summary>Maps GET /api/v1/records/{digest}/timeline.</summary>
    public static IEndpointRouteBuilder MapRecordTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/records/{digest}/timeline", Get).WithTags("Records").WithName("RecordTimeline")
            .WithSummary("What happened to a record this department issued: grants, logged accesses and releases (its own key only)")
            .RequireAuthorization();
        return app;
    }

    /// <summary>The timeline, for the key of the department that holds the record.</summary>
    public static async Task<Results<Ok<RecordTimeline>, ProblemHttpResult>> Get(
        string digest, HttpContext http, DepartmentDirectory directory, IndexStore index, ReleaseJournal journal, ErasureNoticeStore notices,
        ReceivedErasureStore received, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var id, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        if (http.RequestServices.GetService<RecordStore>() is not { } store)
        {
            return RecordProblems.NotConfigured();
        }

        var department = await directory.FindAsync(ActingDepartment.CodeOf(http.User) ?? string.Empty, cancellationToken);
        if (!department.IsSuccess)
        {
            return ChainProblems.From(department.Error);
        }

        var record = await store.GetAsync(id, cancellationToken);
        if (record is null || department.Value is not { } own || own.Id != record.Department)
        {
            return RecordProblems.NotFound(id);
        }

        var grants = index.Grants(id, null, 0, MaxItems).ToList();
        if (record.Kind is { } kind && RecordKind.IsValidName(kind))
        {
            grants.AddRange(index.Grants(RecordKind.Id(kind), null, 0, MaxItems));
        }

        var accesses = index.ByRecord(id, null, MaxItems).Where(e => e.Event == "AccessLogged").ToList();
        var releases = (await journal.ForRecordAsync(id, cancellationToken))
            .Select(r => new TimelineRelease(r.RequestId, r.GrantId.ToString(CultureInfo.InvariantCulture), r.Grantee, r.EntryHash, r.LogRoot, r.LogBlock, r.ContentDigest, r.ReleasedAt, r.AcknowledgedAt))
            .ToList();
        var issued = record.Origin == RecordOrigin.Issued;
        var erasures = issued
            ? notices.ForRecord(id).Select(n => new TimelineErasure(n.Holder, n.Grantee, NoticeState(n.State), n.ErasedAt, n.GranteeErasedAt, [])).ToList()
            : received.ForRecord(id).Where(r => r.Grantee == own.Id)
                .Select(r => new TimelineErasure(r.Holder, r.Grantee, "erased", r.HolderErasedAt, r.ErasedAt, r.RequestIds)).ToList();
        return TypedResults.Ok(new RecordTimeline(
            id, record.Department, record.Kind, grants, accesses, releases, issued ? "issued" : "received", record.ErasedAt, erasures));
    }

    private static string NoticeState(ErasureNoticeState state) => state switch
    {
        ErasureNoticeState.Acknowledged => "erased",
        ErasureNoticeState.NothingHeld => "nothing-held",
        _ => "pending",
    };
}
