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
        for (int attempt = 0; ; attempt++)
        {
            var signal = OutboxWriter.NewCommitSignal();
            var now = DateTimeOffset.UtcNow;
            var created = new List<DocumentEntry>(digests.Count);
            var known = new List<DocumentEntry>();
            foreach (var digest in digests)
            {
                var candidate = new DocumentEntry(digest, departmentId, validUntil, now) { Committed = signal.Task };
                if (index.TryReserve(candidate, out var holder))
                {
                    created.Add(candidate);
                }
                else if (holder.DepartmentId != departmentId)
                {
                    index.Release(created);
                    signal.TrySetCanceled(CancellationToken.None);
                    return AcceptResult.Conflict(holder);
                }
                else
                {
                    known.Add(holder);
                }
            }

            await writer.CommitAsync([.. created], signal, cancellationToken);
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
}

/// <summary>What happened to an anchor request.</summary>
public sealed record AcceptResult(IReadOnlyList<DocumentEntry> Created, IReadOnlyList<DocumentEntry> Known, DocumentEntry? ConflictingEntry)
{
    /// <summary>Stored: new entries and those the outbox already held for the same department.</summary>
    public static AcceptResult Accepted(IReadOnlyList<DocumentEntry> created, IReadOnlyList<DocumentEntry> known) => new(created, known, null);

    /// <summary>Refused: a digest belongs to another department; nothing was stored.</summary>
    public static AcceptResult Conflict(DocumentEntry holder) => new([], [], holder);
}
