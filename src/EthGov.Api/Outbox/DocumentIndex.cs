using System.Collections.Concurrent;
using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// Every digest the outbox holds, loaded from SQLite at start and reserved here before a row is written.
/// Reserving is atomic, so two requests for the same digest can never both insert: this is what makes
/// anchoring idempotent without a UNIQUE index on random digests in the database's hot path.
/// </summary>
public sealed class DocumentIndex
{
    private readonly ConcurrentDictionary<Digest, DocumentEntry> _entries = new();

    /// <summary>How many digests are known.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry for <paramref name="digest"/>, if the outbox holds it.</summary>
    public bool TryGet(Digest digest, out DocumentEntry entry) => _entries.TryGetValue(digest, out entry!);

    /// <summary>Reserves <paramref name="candidate"/>'s digest; false with the holder when someone was first.</summary>
    public bool TryReserve(DocumentEntry candidate, out DocumentEntry holder)
    {
        holder = _entries.GetOrAdd(candidate.Digest, candidate);
        return ReferenceEquals(holder, candidate);
    }

    /// <summary>Every entry (for the loader).</summary>
    internal IEnumerable<DocumentEntry> Entries() => _entries.Values;

    /// <summary>Releases reservations whose rows were never committed.</summary>
    public void Release(IEnumerable<DocumentEntry> entries)
    {
        foreach (var entry in entries)
        {
            _entries.TryRemove(new KeyValuePair<Digest, DocumentEntry>(entry.Digest, entry));
        }
    }
}
