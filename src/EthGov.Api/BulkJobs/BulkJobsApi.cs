using System.ComponentModel;
using System.Globalization;
using EthGov.Api.Auth;
using EthGov.Api.Documents;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Api.Requests;
using EthGov.Application.ApiKeys;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.BulkJobs;

/// <summary>
/// Bulk work in the workspace: a job is made for a number of items (the files of a folder or ZIP, the rows of a CSV of
/// digests), its items are posted in chunks, each chunk validated all or nothing, and the job says how far it got, so a
/// page reloaded mid-way resumes with what is missing. A digest is taken once per job; the outbox takes it once per
/// department. A job is seen only by whoever made it (the clerk or the key), in its department.
/// </summary>
public static class BulkJobsApi
{
    /// <summary>The route.</summary>
    public const string Route = "/api/v1/bulk-jobs";

    /// <summary>The most items one page of a job's items holds.</summary>
    public const int MaxItemsPage = 1_000;

    /// <summary>Maps /api/v1/bulk-jobs.</summary>
    public static IEndpointRouteBuilder MapBulkJobsApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<BulkJobsOptions>>().Value;
        var group = app.MapGroup(Route).WithTags("Bulk jobs").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateBulkJob")
            .WithSummary("Start a bulk job for a number of items (files of a folder or ZIP, rows of a CSV of digests)")
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment)
            .RequireScope(ApiKeyScopes.Anchor);
        group.MapGet("/", List).WithName("ListBulkJobs")
            .WithSummary("The caller's own bulk jobs, newest first; state=open for the unfinished ones");
        group.MapGet("/limits", Limits).WithName("GetBulkJobLimits")
            .WithSummary("The node's limits for bulk jobs: items per job and per chunk, open and kept jobs per department");
        group.MapGet("/{id:long}", Get).WithName("GetBulkJob")
            .WithSummary("Where a bulk job stands: items received, accepted and failed of its total");
        group.MapGet("/{id:long}/items", Items).WithName("ListBulkJobItems")
            .WithSummary("The items a bulk job holds, in the order received, a page at a time (to send only what is missing)");
        group.MapPost("/{id:long}/chunks", AddChunk).WithName("AddBulkJobChunk")
            .WithSummary("Anchor a chunk of a job's items, validated all or nothing; an item the job holds already is replayed, not anchored again")
            .WithMetadata(new JsonBodyLimit(MaxBytes: options.MaxChunkBodyBytes, MaxArrayLength: options.MaxChunkItems))
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment)
            .RequireScope(ApiKeyScopes.Anchor);
        group.MapDelete("/{id:long}", Abandon).WithName("AbandonBulkJob")
            .WithSummary("Give up an unfinished job; what it accepted stays accepted")
            .RequireScope(ApiKeyScopes.Anchor);
        return app;
    }

    /// <summary>The limits this node enforces, read from its configuration.</summary>
    public static Ok<BulkJobLimitsResponse> Limits(IOptions<BulkJobsOptions> options)
        => TypedResults.Ok(BulkJobLimitsResponse.Of(options.Value));

    /// <summary>Starts a job.</summary>
    public static Results<Created<BulkJobResponse>, ProblemHttpResult> Create(
        BulkJobRequest request, HttpContext http, ActingDepartment caller, BulkJobStore store, IOptions<BulkJobsOptions> options, TimeProvider time)
    {
        var limits = options.Value;
        if (request.Kind is null || !BulkJobKinds.All.Contains(request.Kind))
        {
            return Problems.Problems.InvalidRequest(BulkJobTexts.KindUseOneOf.With(string.Join(", ", BulkJobKinds.All)));
        }

        if (request.Total is not { } total || total < 1 || total > limits.MaxJobItems)
        {
            return Problems.Problems.InvalidRequest(BulkJobTexts.TotalFrom1ToItemsPer.With(limits.MaxJobItems),
                new Dictionary<string, object?> { ["maxJobItems"] = limits.MaxJobItems });
        }

        var (labels, error) = IssuedLabels.Read(request.Name, null, null, "name");
        if (error is not null)
        {
            return Problems.Problems.InvalidRequest(error);
        }

        var job = store.Create(caller.Department.Code, OwnerOf(http), request.Kind, labels!.FileName, total, time.GetUtcNow(), limits.MaxOpenJobs, limits.MaxKeptJobs);
        if (job is null)
        {
            return BulkJobProblems.TooManyOpen(caller.Department.Code, limits.MaxOpenJobs);
        }

        var response = BulkJobResponse.Of(job);
        return TypedResults.Created(response.Url, response);
    }

    /// <summary>The caller's jobs.</summary>
    public static Results<Ok<Page<BulkJobResponse>>, ProblemHttpResult> List(
        HttpContext http, BulkJobStore store, IOptions<BulkJobsOptions> options, [Description("open, done or abandoned; all when absent")] string? state)
    {
        if (state is not null and not (BulkJobStates.Open or BulkJobStates.Done or BulkJobStates.Abandoned))
        {
            return Problems.Problems.InvalidRequest(BulkJobTexts.StateUseOpenDoneOrAbandoned);
        }

        var jobs = store.List(ActingDepartment.CodeOf(http.User) ?? string.Empty, OwnerOf(http), state, options.Value.MaxKeptJobs);
        return TypedResults.Ok(new Page<BulkJobResponse>([.. jobs.Select(BulkJobResponse.Of)], null));
    }

    /// <summary>One job.</summary>
    public static Results<Ok<BulkJobResponse>, ProblemHttpResult> Get(long id, HttpContext http, BulkJobStore store)
        => Find(id, http, store) is { } job ? TypedResults.Ok(BulkJobResponse.Of(job)) : BulkJobProblems.JobNotFound(id);

    /// <summary>A page of a job's items.</summary>
    public static Results<Ok<Page<BulkJobItemResponse>>, ProblemHttpResult> Items(
        long id, HttpContext http, BulkJobStore store, [Description("The number of the last item already read (the next link carries it)")] long? after)
    {
        if (Find(id, http, store) is null)
        {
            return BulkJobProblems.JobNotFound(id);
        }

        var items = store.Items(id, Math.Max(after ?? 0, 0), MaxItemsPage);
        var next = items.Count == MaxItemsPage ? $"{Route}/{id}/items?after={items[^1].Number.ToString(CultureInfo.InvariantCulture)}" : null;
        var language = ProblemLanguages.Preferred(http.Request);
        return TypedResults.Ok(new Page<BulkJobItemResponse>([.. items.Select(i => i.Item with { Error = StoredErrors.Render(i.Item.Error, language) })], next));
    }

    /// <summary>Anchors a chunk of a job's items.</summary>
    public static async Task<Results<Ok<BulkChunkResponse>, ProblemHttpResult>> AddChunk(
        long id, BulkChunkRequest request, HttpContext http, ActingDepartment caller, BulkJobStore store, BulkChunkIntake intake,
        IOptions<BulkJobsOptions> options, CancellationToken cancellationToken)
    {
        if (Find(id, http, store) is not { } job)
        {
            return BulkJobProblems.JobNotFound(id);
        }

        if (request.Items is not { Length: > 0 } items)
        {
            return Problems.Problems.InvalidRequest(BulkJobTexts.ItemsGiveAtLeastOneItem);
        }

        if (items.Length > options.Value.MaxChunkItems)
        {
            return Problems.Problems.InvalidRequest(BulkJobTexts.ItemsAtMostPerChunkGot.With(options.Value.MaxChunkItems, items.Length));
        }

        var (checkedItems, errors) = Check(items);
        if (errors.Count > 0)
        {
            return Problems.Problems.InvalidRequest(BulkJobTexts.ItemSAreNotValidNothing.With(errors.Count), new Dictionary<string, object?> { ["errors"] = new ProblemTextList(errors) });
        }

        var (answer, problem) = await intake.TakeAsync(job, caller.Department.Id, checkedItems, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // An item's error is kept as a code (StoredError) and said in the caller's language.
        var language = ProblemLanguages.Preferred(http.Request);
        return TypedResults.Ok(answer! with { Items = [.. answer.Items.Select(i => i with { Error = StoredErrors.Render(i.Error, language) })] });
    }

    /// <summary>Gives up a job.</summary>
    public static Results<Ok<BulkJobResponse>, ProblemHttpResult> Abandon(long id, HttpContext http, BulkJobStore store, TimeProvider time)
    {
        if (Find(id, http, store) is not { } job)
        {
            return BulkJobProblems.JobNotFound(id);
        }

        if (!store.Abandon(id, time.GetUtcNow()))
        {
            return BulkJobProblems.JobClosed(store.Get(id) ?? job);
        }

        return TypedResults.Ok(BulkJobResponse.Of(store.Get(id)!));
    }

    // A job is the caller's own: another department's, or another clerk's of the same department, is not there.
    private static BulkJob? Find(long id, HttpContext http, BulkJobStore store)
        => store.Get(id) is { } job && job.Department == ActingDepartment.CodeOf(http.User) && job.Owner == OwnerOf(http) ? job : null;

    private static string OwnerOf(HttpContext http) => (http.User.Identity as IScopedCaller)?.CallerName ?? string.Empty;

    private static (List<BulkChunkIntake.CheckedItem> Items, List<ProblemText> Errors) Check(BulkItemRequest[] items)
    {
        var checkedItems = new List<BulkChunkIntake.CheckedItem>(items.Length);
        var errors = new List<ProblemText>();
        var seen = new HashSet<Digest>(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            var error = Check(items[i], out var item);
            if (error is not null)
            {
                if (errors.Count < 20)
                {
                    errors.Add(BulkJobTexts.ItemInvalid.With(i, error));
                }

                continue;
            }

            if (seen.Add(item!.Digest))
            {
                checkedItems.Add(item);
            }
        }

        return (checkedItems, errors);
    }

    private static ProblemText? Check(BulkItemRequest? request, out BulkChunkIntake.CheckedItem? item)
    {
        item = null;
        if (request is null)
        {
            return BulkJobTexts.ItemNotAnObject;
        }

        if (!Digest.TryParse(request.Digest, out var digest, out var digestError))
        {
            return ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(digestError));
        }

        var (labels, labelError) = IssuedLabels.Read(request.FileName, request.Reference, request.Kind);
        if (labelError is not null)
        {
            return labelError;
        }

        if (DocumentsApi.ValidUntilProblem(request.ValidUntil) is not null)
        {
            return BulkJobTexts.ItemValidUntilInvalid.With(request.ValidUntil!.Value);
        }

        item = new BulkChunkIntake.CheckedItem(digest, ChainTime.ToSeconds(request.ValidUntil), labels!);
        return null;
    }
}
