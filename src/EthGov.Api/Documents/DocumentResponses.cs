using EthGov.Api.Departments;
using EthGov.Api.Outbox;
using EthGov.Api.Receipts;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>Describes an outbox entry for callers: its state, its department's code and, once anchored, its receipt.</summary>
public sealed class DocumentResponses(DocumentIndex index, BatchStore batches, DepartmentDirectory departments, ReceiptService receipts)
{
    /// <summary>In the outbox, not yet confirmed on chain.</summary>
    public const string Pending = "pending";

    /// <summary>Confirmed on chain.</summary>
    public const string Anchored = "anchored";

    /// <summary>Refused by the chain.</summary>
    public const string Failed = "failed";

    /// <summary>The status of <paramref name="digest"/>, which the outbox holds.</summary>
    public Task<DocumentStatusResponse> StatusAsync(Digest digest, CancellationToken cancellationToken)
        => index.TryGet(digest, out var entry)
            ? StatusAsync(entry, cancellationToken)
            : throw new InvalidOperationException($"{digest} is not in the outbox");

    /// <summary>The status of <paramref name="entry"/>.</summary>
    public async Task<DocumentStatusResponse> StatusAsync(DocumentEntry entry, CancellationToken cancellationToken)
    {
        var department = await departments.FindAsync(entry.DepartmentId, cancellationToken);
        var code = department.IsSuccess ? department.Value?.Code : null;
        var url = "/api/v1/documents/" + entry.Digest;
        var batch = batches.Get(entry.BatchId);
        return batch?.State switch
        {
            BatchState.Confirmed => new DocumentStatusResponse(entry.Digest, Anchored, code, entry.AcceptedAt, url, null, await receipts.ForAsync(entry, cancellationToken)),
            BatchState.Failed => new DocumentStatusResponse(entry.Digest, Failed, code, entry.AcceptedAt, url, batch.Error, null),
            _ => new DocumentStatusResponse(entry.Digest, Pending, code, entry.AcceptedAt, url, null, null),
        };
    }
}
