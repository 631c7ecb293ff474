using EthGov.Core.Digests;

namespace EthGov.Api.BulkJobs;

/// <summary>Starts a bulk job.</summary>
/// <param name="Kind"><c>files</c>, <c>zip</c> or <c>csv</c>.</param>
/// <param name="Total">How many items will be sent, 1 to <see cref="BulkJobsOptions.MaxJobItems"/>.</param>
/// <param name="Name">The folder's, ZIP's or CSV file's name (up to 255 characters), shown when the job is resumed.</param>
public sealed record BulkJobRequest(string? Kind, int? Total, string? Name = null);

/// <summary>One item of a chunk: a document's digest and what the clerk notes about it.</summary>
/// <param name="Digest">0x + 64 hex digits.</param>
/// <param name="FileName">The file's name (for a folder or ZIP: its path inside it).</param>
/// <param name="Reference">The department's reference.</param>
/// <param name="Kind">What sort of document it is.</param>
/// <param name="ValidUntil">End of validity; absent for no expiry.</param>
public sealed record BulkItemRequest(string? Digest, string? FileName = null, string? Reference = null, string? Kind = null, DateTimeOffset? ValidUntil = null);

/// <summary>A chunk of items for a job, validated all or nothing.</summary>
/// <param name="Items">1 to <see cref="BulkJobsOptions.MaxChunkItems"/> items.</param>
public sealed record BulkChunkRequest(BulkItemRequest[]? Items);

/// <summary>A bulk job and where it stands.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">files, zip or csv.</param>
/// <param name="Name">The name the clerk picked.</param>
/// <param name="Total">Items it was made for.</param>
/// <param name="Received">Items recorded so far.</param>
/// <param name="Accepted">Items in the outbox.</param>
/// <param name="Failed">Items refused.</param>
/// <param name="State">open, done or abandoned.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="UpdatedAt">When it last moved.</param>
/// <param name="Url">This resource.</param>
public sealed record BulkJobResponse(
    long Id, string Kind, string? Name, int Total, int Received, int Accepted, int Failed, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Url)
{
    /// <summary>The answer for <paramref name="job"/>.</summary>
    public static BulkJobResponse Of(BulkJob job)
        => new(job.Id, job.Kind, job.Name, job.Total, job.Received, job.Accepted, job.Failed, job.State, job.CreatedAt, job.UpdatedAt, $"{BulkJobsApi.Route}/{job.Id}");
}

/// <summary>What became of one item.</summary>
/// <param name="Digest">Its digest.</param>
/// <param name="Outcome">accepted, known, replayed or failed.</param>
/// <param name="Error">Why it failed, in the language the request's Accept-Language prefers (English or Chinese).</param>
public sealed record BulkItemResponse(Digest Digest, string Outcome, string? Error);

/// <summary>The answer to a chunk: the job as it stands now, and each item's outcome in the order sent (repeats once).</summary>
/// <param name="Job">The job.</param>
/// <param name="Items">The outcomes.</param>
public sealed record BulkChunkResponse(BulkJobResponse Job, IReadOnlyList<BulkItemResponse> Items);

/// <summary>An item the job holds.</summary>
/// <param name="Digest">Its digest.</param>
/// <param name="FileName">The file name it came with.</param>
/// <param name="Outcome">accepted, known or failed.</param>
/// <param name="Error">Why it failed, in the language the request's Accept-Language prefers (English or Chinese).</param>
public sealed record BulkJobItemResponse(Digest Digest, string? FileName, string Outcome, string? Error);

/// <summary>The node's limits for bulk jobs, as the workspace enforces them before it sends anything.</summary>
/// <param name="MaxJobItems">Most items (files or CSV rows) in one job.</param>
/// <param name="MaxChunkItems">Most items in one chunk posted to a job.</param>
/// <param name="MaxChunkBodyBytes">Largest body of one chunk, in bytes.</param>
/// <param name="MaxOpenJobs">Most unfinished jobs a department may have at once.</param>
/// <param name="MaxKeptJobs">Most jobs a department's store keeps before the oldest finished ones are deleted.</param>
public sealed record BulkJobLimitsResponse(int MaxJobItems, int MaxChunkItems, long MaxChunkBodyBytes, int MaxOpenJobs, int MaxKeptJobs)
{
    /// <summary>The answer for <paramref name="options"/>.</summary>
    public static BulkJobLimitsResponse Of(BulkJobsOptions options)
        => new(options.MaxJobItems, options.MaxChunkItems, options.MaxChunkBodyBytes, options.MaxOpenJobs, options.MaxKeptJobs);
}
