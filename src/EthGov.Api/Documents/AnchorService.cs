using EthGov.Api.Outbox;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// Accepts anchor requests into the outbox: reserves the digests in the <see cref="DocumentIndex"/>, commits the
/// new ones through the group-committing <see cref="OutboxWriter"/>, and waits for the commit of digests another
/// request of the same department is already committing. Only then may the caller answer.
/// </summary>
public sealed class AnchorService(DocumentIndex index, OutboxWriter writer, BatchStore batches)
{
    /// <summary>
    /// Accepts <paramref name="digests"/> (distinct) for <paramref name="departmentId"/>, all or nothing; the new ones are
    /// entered in the department's register with <paramref name="labels"/> (documents already held keep theirs).
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(uint departmentId, ReadOnlyMemory<Digest> digests, ulong validUntil, CancellationToken cancellationToken, IssuedLabels? labels = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            var signal = OutboxWriter.NewCommitSignal();
            var reservation = index.Reserve(digests.Span, departmentId, validUntil, DateTimeOffset.UtcNow, signal.Task);
            if (reservation.Conflict is { } conflict)
            {
                signal.TrySetCanceled(CancellationToken.None);
                return new AcceptResult(0, 0, conflict);
            }

            reservation.Labels = labels ?? IssuedLabels.None;
            await writer.CommitAsync(reservation, signal, cancellationToken);
            try
            {
                foreach (var commit in reservation.KnownCommits)
                {
                    await commit.WaitAsync(cancellationToken);
                }
            }
            catch (Exception) when (attempt < 2 && !cancellationToken.IsCancellationRequested)
            {
                // Another request's commit failed and gave its digests back: reserve them for this one. The digests
                // this request committed are known to it now.
                continue;
            }

            return new AcceptResult(reservation.CreatedCount, reservation.KnownCount, null);
        }
    }

    /// <summary>
    /// Accepts one digest for <paramref name="departmentId"/> and, when <paramref name="wait"/> is given and no other
    /// department holds the digest, waits up to that long for its batch to be confirmed or refused
    /// (<see cref="WaitSettledAsync"/>); the caller then reads its status.
    /// </summary>
    public async Task<AcceptResult> AcceptOneAsync(uint departmentId, Digest digest, ulong validUntil, TimeSpan? wait, CancellationToken cancellationToken, IssuedLabels? labels = null)
    {
        var result = await AcceptAsync(departmentId, new[] { digest }, validUntil, cancellationToken, labels);
        if (result.Conflict is null && wait is { } timeout)
        {
            await WaitSettledAsync(digest, timeout, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Waits until the batch carrying <paramref name="digest"/> is confirmed or failed, or <paramref name="timeout"/>
    /// passes (the caller then answers with the pending status): first for a batch to take the document, then for it.
    /// </summary>
    public async Task WaitSettledAsync(Digest digest, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            // Taken before the entry is read, so an assignment in between is not missed.
            var assigned = index.NextBatchAssignment;
            if (!index.TryGet(digest, out var entry))
            {
                return;
            }

            var next = entry.BatchId == 0 ? assigned : batches.WhenSettled(entry.BatchId);
            long remaining = deadline - Environment.TickCount64;
            if ((entry.BatchId != 0 && next.IsCompleted) || remaining <= 0)
            {
                return;
            }

            try
            {
                await next.WaitAsync(TimeSpan.FromMilliseconds(remaining), cancellationToken);
            }
            catch (TimeoutException)
            {
                return;
            }

            if (entry.BatchId != 0)
            {
                return;
            }
        }
    }
}

/// <summary>
/// What happened to an anchor request: how many documents are new and how many the department had already submitted,
/// or the digest another department holds (then nothing was stored).
/// </summary>
public sealed record AcceptResult(int Created, int Known, Digest? Conflict);
