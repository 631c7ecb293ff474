namespace EthGov.Api.BulkJobs;

/// <summary>Limits of bulk jobs (section "EthGov:BulkJobs").</summary>
public sealed class BulkJobsOptions
{
    /// <summary>Most items (files or CSV rows) in one job.</summary>
    public int MaxJobItems { get; set; } = 10_000;

    /// <summary>Most items in one chunk posted to a job.</summary>
    public int MaxChunkItems { get; set; } = 500;

    /// <summary>Most open jobs a department may have at once; one more is 409 bulk-job-limit.</summary>
    public int MaxOpenJobs { get; set; } = 20;

    /// <summary>Most jobs a department's store keeps; past it the oldest finished ones are deleted with their items.</summary>
    public int MaxKeptJobs { get; set; } = 100;

    /// <summary>
    /// Largest body of a chunk: a digest, a file name of 255 characters (up to 6 bytes each when escaped), a reference, a
    /// kind and a date make under 2.5 KB per item, on top of a small envelope.
    /// </summary>
    public long MaxChunkBodyBytes => (MaxChunkItems * 2_560L) + (16 * 1024);
}
