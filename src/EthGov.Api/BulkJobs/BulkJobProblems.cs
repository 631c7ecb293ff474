using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.BulkJobs;

/// <summary>The problems of bulk jobs.</summary>
public static class BulkJobProblems
{
    /// <summary>No such job for the caller (another department's or another clerk's job is not there either).</summary>
    public const string NotFound = "bulk-job-not-found";

    /// <summary>The department has as many open jobs as it may.</summary>
    public const string Limit = "bulk-job-limit";

    /// <summary>A chunk would take the job past the number of items it was made for.</summary>
    public const string Overfull = "bulk-job-overfull";

    /// <summary>A chunk sent to a job that is done or was abandoned.</summary>
    public const string Closed = "bulk-job-closed";

    /// <summary>404 <see cref="NotFound"/>.</summary>
    public static ProblemHttpResult JobNotFound(long id)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, NotFound, "No such bulk job", BulkJobTexts.TheCallerHasNoBulkJob.With(id));

    /// <summary>409 <see cref="Limit"/>.</summary>
    public static ProblemHttpResult TooManyOpen(string department, int max)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, Limit, "The department has too many unfinished bulk jobs",
            BulkJobTexts.DepartmentHasOpenBulkJobsThe.With(department, max), new Dictionary<string, object?> { ["maxOpenJobs"] = max });

    /// <summary>409 <see cref="Overfull"/>.</summary>
    public static ProblemHttpResult TooManyItems(BulkJob job, int adding)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, Overfull, "The chunk holds more items than the job has left",
            BulkJobTexts.BulkJobWasMadeForItems.With(job.Id, job.Total, job.Received, adding),
            new Dictionary<string, object?> { ["total"] = job.Total, ["received"] = job.Received });

    /// <summary>409 <see cref="Closed"/>.</summary>
    public static ProblemHttpResult JobClosed(BulkJob job)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, Closed, "The bulk job takes no more items",
            BulkJobTexts.BulkJobIs.With(job.Id, job.State), new Dictionary<string, object?> { ["state"] = job.State });
}
