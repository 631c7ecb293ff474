using EthGov.Api.Outbox;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// Accepts anchor requests into the outbox: reserves each digest in the <see cref="DocumentIndex"/>, commits the
/// new ones through the group-committing <see cref="OutboxWriter"/>, and waits for the commit of digests another
/// request of the same department is already committing. Only then may the caller answer.
/// </summary>
public sealed class AnchorService(DocumentIndex index, OutboxWriter writer)
{
    /// <summary>Accepts <paramref name="digests"/> (distinct) for <paramref name="departmentId"/>, all or nothing.</summary>
    public async Task<AcceptResult> AcceptAsync(uint departmentId, IReadOnlyList<Digest> digests, ulong validUntil, CancellationToken cancellationToken)
    {
        if (digests.Count == 1)
        {
            return await AcceptOneAsync(departmentId, digests[0], validUntil, cancellationToken);
        }

        for (int attempt = 0; ; attempt++)
        {
            var signal = OutboxWriter.NewCommitSignal();
            var now = DateTimeOffset.UtcNow;
            var reserved = new DocumentEntry[digests.Count];
            int createdCount = 0;
            List<DocumentEntry>? known = null;
            for (int i = 0; i < digests.Count; i++)
            {
                var candidate = new DocumentEntry(digests[i], departmentId, validUntil, now) { Committed = signal.Task };
                if (index.TryReserve(candidate, out var holder))
                {
                    reserved[createdCount++] = candidate;
                }
                else if (holder.DepartmentId != departmentId)
                {
                    index.Release(reserved.Take(createdCount));
                    signal.TrySetCanceled(CancellationToken.None);
                    return AcceptResult.Conflict(holder);
                }
                else
                {
                    (known ??= []).Add(holder);
                }
            }

            var created = createdCount == reserved.Length ? reserved : reserved[..createdCount];
            await writer.CommitAsync(created, signal, cancellationToken);
            if (known is null)
            {
                return AcceptResult.Accepted(created, []);
            }

            try
            {
                foreach (var commit in known.Select(k => k.Committed).Distinct())
                {
                    await commit.WaitAsync(cancellationToken);
                }
            }
            catch (Exception) when (attempt < 2 && !cancellationToken.IsCancellationRequested)
            {
                // The other request's commit failed and released its digests; reserve them ourselves.
                continue;
            }

            return AcceptResult.Accepted(created, known);
        }
    }

    // The same for one digest, without the lists: the common case of one document per request.
    private async Task<AcceptResult> AcceptOneAsync(uint departmentId, Digest digest, ulong validUntil, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            var signal = OutboxWriter.NewCommitSignal();
            var candidate = new DocumentEntry(digest, departmentId, validUntil, DateTimeOffset.UtcNow) { Committed = signal.Task };
            if (index.TryReserve(candidate, out var holder))
            {
                await writer.CommitAsync([candidate], signal, cancellationToken);
                return AcceptResult.Accepted([candidate], []);
            }

            // Nothing of ours to commit: the signal is nobody's.
            signal.TrySetResult();
            if (holder.DepartmentId != departmentId)
            {
                return AcceptResult.Conflict(holder);
            }

            try
            {
                await holder.Committed.WaitAsync(cancellationToken);
            }
            catch (Exception) when (attempt < 2 && !cancellationToken.IsCancellationRequested)
            {
                // The other request's commit failed and released its digest; reserve it ourselves.
                continue;
            }

            return AcceptResult.Accepted([], [holder]);
        }
    }
}

/// <summary>What happened to an anchor request.</summary>
public sealed record AcceptResult(IReadOnlyList<DocumentEntry> Created, IReadOnlyList<DocumentEntry> Known, DocumentEntry? ConflictingEntry)
{
    /// <summary>Stored: new entries and those the outbox already held for the same department.</summary>
    public static AcceptResult Accepted(IReadOnlyList<DocumentEntry> created, IReadOnlyList<DocumentEntry> known) => new(created, known, null);

    /// <summary>Refused: a digest belongs to another department; nothing was stored.</summary>
    public static AcceptResult Conflict(DocumentEntry holder) => new([], [], holder);
}
