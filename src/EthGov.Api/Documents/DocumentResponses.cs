using EthGov.Api.Departments;
using EthGov.Api.Outbox;
using EthGov.Api.Problems;
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

    /// <summary>The status of <paramref name="digest"/>, which the outbox holds, its error said in <paramref name="language"/>.</summary>
    public Task<DocumentStatusResponse> StatusAsync(Digest digest, string language, CancellationToken cancellationToken)
        => index.TryGet(digest, out var entry)
            ? StatusAsync(entry, language, cancellationToken)
            : throw new InvalidOperationException($"{digest} is not in the outbox");

    /// <summary>
    /// The status of <paramref name="entry"/>; a refused anchor's error, which the batch keeps as a code
    /// (<see cref="StoredError"/>), is said in <paramref name="language"/> (<see cref="ProblemLanguages.Preferred"/>).
    /// </summary>
    public async Task<DocumentStatusResponse> StatusAsync(DocumentEntry entry, string language, CancellationToken cancellationToken)
    {
        var department = await departments.FindAsync(entry.DepartmentId, cancellationToken);
        var code = department.IsSuccess ? department.Value?.Code : null;
        var url = "/api/v1/documents/" + entry.Digest;
        var batch = batches.Get(entry.BatchId);
        return batch?.State switch
        {
            BatchState.Confirmed => new DocumentStatusResponse(entry.Digest, Anchored, code, entry.AcceptedAt, url, null, await receipts.ForAsync(entry, cancellationToken)),
            BatchState.Failed => new DocumentStatusResponse(entry.Digest, Failed, code, entry.AcceptedAt, url, StoredErrors.Render(batch.Error, language), null),
            _ => new DocumentStatusResponse(entry.Digest, Pending, code, entry.AcceptedAt, url, null, null),
        };
    }

    /// <summary>Why the chain refused <paramref name="digest"/>'s anchor, in both languages, when it did.</summary>
    public ProblemText RefusalOf(Digest digest)
        => index.TryGet(digest, out var entry) && batches.Get(entry.BatchId) is { State: BatchState.Failed } failed
            ? StoredErrors.Render(failed.Error ?? string.Empty)
            : throw new InvalidOperationException($"the anchor of {digest} was not refused");
}
