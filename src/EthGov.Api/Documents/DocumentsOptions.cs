namespace EthGov.Api.Documents;

/// <summary>Limits of the documents endpoints (section "EthGov:Documents").</summary>
public sealed class DocumentsOptions
{
    /// <summary>Largest file accepted for hashing, in bytes (uploads are hashed while streamed and never stored).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Most digests in one batch request.</summary>
    public int MaxBatchDigests { get; set; } = 10_000;

    /// <summary>
    /// Largest JSON body of any endpoint, in bytes; a receipt with the longest possible proof takes under 5 KB. The batch
    /// endpoint reads up to <see cref="MaxBatchBodyBytes"/> instead.
    /// </summary>
    public long MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body of a batch request: 80 bytes per digest (a quoted digest, its comma and some indentation) on top of <see cref="MaxJsonBodyBytes"/>.</summary>
    public long MaxBatchBodyBytes => (MaxBatchDigests * 80L) + MaxJsonBodyBytes;

    /// <summary>Most rows of one CSV export of the register; a larger export is refused with 400 export-too-large (narrow it by date).</summary>
    public int MaxExportRows { get; set; } = 100_000;

    /// <summary>Longest a request may hold its answer with <c>wait=true</c>.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);
}
