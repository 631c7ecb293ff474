namespace EthGov.Api.Documents;

/// <summary>Limits of the documents endpoints (section "EthGov:Documents").</summary>
public sealed class DocumentsOptions
{
    /// <summary>Largest file accepted for hashing, in bytes (uploads are hashed while streamed and never stored).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Most digests in one batch request.</summary>
    public int MaxBatchDigests { get; set; } = 10_000;

    /// <summary>Longest a request may hold its answer with <c>wait=true</c>.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);
}
