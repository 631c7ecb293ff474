using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// Every digest the outbox holds, loaded from SQLite at start and reserved here before a row is written.
/// Reserving is atomic, so two requests for the same digest can never both insert: this is what makes
/// anchoring idempotent without a UNIQUE index on random digests in the database's hot path.
/// </summary>
/// <remarks>
/// Written as a hash table over arrays of plain structs rather than a dictionary of objects: the index grows by
/// millions of documents, and as objects (an entry and a dictionary node per digest, about 300 bytes) they made
/// every garbage collection walk them. Here a document is 64 bytes in a chunk of records plus a 4-byte slot, and the
/// collector never looks inside either. Slots use linear probing on the digest's hash code, which is seeded per
/// process, so chosen digests cannot be aimed at one slot. One lock guards the table; every operation under it is
/// short, and a request of many digests takes it once. The slots grow incrementally: a larger table takes over at once and
/// each insertion moves a few of the old table's slots into it (a digest looked up before its turn moves when found), so
/// no request waits while millions of slots are moved: moving them all at once held the lock, and every request with it,
/// for as long as that took, which grows with the index (and touches the whole new table's memory at once).
/// </remarks>
public sealed class DocumentIndex
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private const int Empty = 0;
    private const int Removed = -1;

    // A record's Write: 0 once committed, Released when its reservation was given back, otherwise the pending write's number.
    private const int Committed = 0;
    private const int Released = -1;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, Task> _writes = [];
    private Record[][] _chunks = [];
    private int _records;
    private int[] _slots = new int[1 << 10];
    private int _usedSlots;

    // While the slots grow: the previous table, and how far its slots have been moved into _slots (null when none is left).
    private int[]? _old;
    private int _moved;

    // Old slots moved per insertion: the old table is empty long before the new one can need to grow (it starts with at
    // most a quarter in use, so at least a quarter of its size in insertions away).
    private const int MovedPerInsert = 8;
    private int _count;
    private int _lastWrite;
    private TaskCompletionSource _assigned = NewSignal();

    /// <summary>How many digests are known.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Completes the next time documents are assigned to a batch.</summary>
    public Task NextBatchAssignment
    {
        get
        {
            lock (_lock)
            {
                return _assigned.Task;
            }
        }
    }

    /// <summary>The entry for <paramref name="digest"/>, if the outbox holds it (committed or being committed).</summary>
    public bool TryGet(Digest digest, out DocumentEntry entry)
    {
        lock (_lock)
        {
            int record = Find(digest, out _);
            entry = record < 0 ? default : EntryOf(ref At(record));
            return record >= 0;
        }
    }

    /// <summary>
    /// Reserves every digest of <paramref name="digests"/> (distinct) that nobody holds yet for one request, all or
    /// nothing: when another department holds one of them, nothing is reserved and the result names it.
    /// <paramref name="commit"/> completes when the request's rows are committed; requests for the same digests wait on it.
    /// </summary>
    public Reservation Reserve(ReadOnlySpan<Digest> digests, uint departmentId, ulong validUntil, DateTimeOffset acceptedAt, Task commit)
    {
        long acceptedAtMs = acceptedAt.ToUnixTimeMilliseconds();
        var created = new int[digests.Length];
        int createdCount = 0, knownCount = 0;
        List<Task>? waits = null;
        lock (_lock)
        {
            int write = NextWrite();
            for (int i = 0; i < digests.Length; i++)
            {
                Prefetch(digests, i);
                var digest = digests[i];
                int record = Find(digest, out int slot);
                if (record < 0)
                {
                    created[createdCount++] = Insert(digest, slot, departmentId, validUntil, acceptedAtMs, write);
                    continue;
                }

                ref var holder = ref At(record);
                if (holder.DepartmentId != departmentId)
                {
                    ReleaseLocked(created.AsSpan(0, createdCount));
                    return new Reservation(0, [], 0, 0, [], digest, departmentId, validUntil, acceptedAtMs);
                }

                knownCount++;
                if (holder.Write > Committed && _writes.TryGetValue(holder.Write, out var pending) && !(waits?.Contains(pending) ?? false))
                {
                    (waits ??= []).Add(pending);
                }
            }

            if (createdCount > 0)
            {
                _writes[write] = commit;
            }

            return new Reservation(createdCount > 0 ? write : 0, created, createdCount, knownCount, waits?.ToArray() ?? [], null,
                departmentId, validUntil, acceptedAtMs);
        }
    }

    /// <summary>Marks <paramref name="reservation"/>'s documents committed.</summary>
    public void Commit(Reservation reservation)
    {
        lock (_lock)
        {
            foreach (int record in reservation.Created)
            {
                ref var r = ref At(record);
                if (r.Write == reservation.Write)
                {
                    r.Write = Committed;
                }
            }

            _writes.Remove(reservation.Write);
        }
    }

    /// <summary>Gives back the reservation of documents whose rows were never committed.</summary>
    public void Release(Reservation reservation)
    {
        lock (_lock)
        {
            ReleaseLocked(reservation.Created);
            _writes.Remove(reservation.Write);
        }
    }

    /// <summary>Copies the digests of <paramref name="records"/>, 32 bytes each, into <paramref name="destination"/>.</summary>
    public void CopyDigests(ReadOnlySpan<int> records, Span<byte> destination)
    {
        lock (_lock)
        {
            for (int i = 0; i < records.Length; i++)
            {
                At(records[i]).Digest.CopyTo(destination.Slice(i * Digest.Size, Digest.Size));
            }
        }
    }

    /// <summary>Copies the entries of <paramref name="records"/> into <paramref name="destination"/>.</summary>
    public void CopyEntries(ReadOnlySpan<int> records, Span<DocumentEntry> destination)
    {
        lock (_lock)
        {
            for (int i = 0; i < records.Length; i++)
            {
                destination[i] = EntryOf(ref At(records[i]));
            }
        }
    }

    /// <summary>Removes from <paramref name="records"/> those a batch carries already.</summary>
    public void RemoveBatched(List<int> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_lock)
        {
            records.RemoveAll(record => At(record).BatchId != 0);
        }
    }

    /// <summary>Records that <paramref name="batchId"/> carries <paramref name="records"/>, and wakes whoever waits for it.</summary>
    public void AssignBatch(ReadOnlySpan<int> records, long batchId)
    {
        TaskCompletionSource assigned;
        lock (_lock)
        {
            foreach (int record in records)
            {
                At(record).BatchId = batchId;
            }

            assigned = _assigned;
            _assigned = NewSignal();
        }

        assigned.TrySetResult();
    }

    /// <summary>
    /// Records that <paramref name="batch"/> (read from the database) carries those of its members held here, looked up
    /// and marked under one hold of the lock, and wakes whoever waits for it; the members not held go to
    /// <paramref name="missing"/> when one is given.
    /// </summary>
    internal void AssignMembers(BatchRecord batch, List<Digest>? missing)
    {
        TaskCompletionSource assigned;
        lock (_lock)
        {
            var members = batch.Members;
            for (int i = 0; i < members.Length; i++)
            {
                Prefetch(members, i);
                var member = members[i];
                int record = Find(member, out _);
                if (record >= 0)
                {
                    At(record).BatchId = batch.Id;
                }
                else
                {
                    missing?.Add(member);
                }
            }

            assigned = _assigned;
            _assigned = NewSignal();
        }

        assigned.TrySetResult();
    }

    /// <summary>Adds a document read back from the outbox table; -1 when its digest is already held.</summary>
    internal int AddCommitted(Digest digest, uint departmentId, ulong validUntil, long acceptedAtMs)
    {
        lock (_lock)
        {
            return Find(digest, out int slot) >= 0 ? -1 : Insert(digest, slot, departmentId, validUntil, acceptedAtMs, Committed);
        }
    }

    /// <summary>
    /// Adds documents read back from the outbox table under one hold of the lock (a replica reads the others' rows by the
    /// thousand, and a lock taken per row made it queue behind every request's reservation): <paramref name="records"/>
    /// gets each one's new record, or -1 when its digest is already held.
    /// </summary>
    internal void AddCommitted(ReadOnlySpan<CommittedDocument> documents, Span<int> records)
    {
        lock (_lock)
        {
            for (int i = 0; i < documents.Length; i++)
            {
                if (i + PrefetchDistance < documents.Length)
                {
                    PrefetchSlot(documents[i + PrefetchDistance].Digest);
                }

                if (i + (PrefetchDistance / 2) < documents.Length)
                {
                    PrefetchRecord(documents[i + (PrefetchDistance / 2)].Digest);
                }

                ref readonly var document = ref documents[i];
                records[i] = Find(document.Digest, out int slot) >= 0
                    ? -1
                    : Insert(document.Digest, slot, document.DepartmentId, document.ValidUntil, document.AcceptedAtMs, Committed);
            }
        }
    }

    /// <summary>The record of <paramref name="digest"/>, or -1.</summary>
    internal int RecordOf(Digest digest)
    {
        lock (_lock)
        {
            return Find(digest, out _);
        }
    }

    /// <summary>Committed documents that no batch carries, in the order they were added.</summary>
    internal List<int> Unbatched()
    {
        var unbatched = new List<int>();
        lock (_lock)
        {
            for (int record = 0; record < _records; record++)
            {
                ref var r = ref At(record);
                if (r.Write == Committed && r.BatchId == 0)
                {
                    unbatched.Add(record);
                }
            }
        }

        return unbatched;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static DocumentEntry EntryOf(ref Record r)
        => new(r.Digest, r.DepartmentId, r.ValidUntil, DateTimeOffset.FromUnixTimeMilliseconds(r.AcceptedAtMs), r.BatchId);

    private ref Record At(int record) => ref _chunks[record >> ChunkBits][record & ChunkMask];

    private int NextWrite()
    {
        // Write numbers only tell pending writes apart; wrapping after two billion is harmless.
        _lastWrite = _lastWrite == int.MaxValue ? 1 : _lastWrite + 1;
        return _lastWrite;
    }

    // Many digests looked up in a row (a request of 1,000, a page of another replica's rows, a batch's members) each cost
    // two cache misses, the slot and then the record it points to: about 400 ns a digest with millions held, all under the
    // lock. Looking ahead, the slot of the digest PrefetchDistance on is fetched, and the record of the one half as far on,
    // whose slot has arrived by then, so the misses of several digests overlap. Hand-written since .NET has no prefetching
    // collection; the hints change no result, only when memory is read.
    private const int PrefetchDistance = 16;

    private void Prefetch(ReadOnlySpan<Digest> digests, int i)
    {
        if (i + PrefetchDistance < digests.Length)
        {
            PrefetchSlot(digests[i + PrefetchDistance]);
        }

        if (i + (PrefetchDistance / 2) < digests.Length)
        {
            PrefetchRecord(digests[i + (PrefetchDistance / 2)]);
        }
    }

    private unsafe void PrefetchSlot(Digest digest)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[HomeSlot(digest, _slots)]));
        }
    }

    private unsafe void PrefetchRecord(Digest digest)
    {
        if (Sse.IsSupported && _slots[HomeSlot(digest, _slots)] is > 0 and var s)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref At(s - 1)));
        }
    }

    // Where digest's probe starts in slots: lookups, moves and prefetches alike.
    private static int HomeSlot(Digest digest, int[] slots) => digest.GetHashCode() & (slots.Length - 1);

    // The record holding digest, or -1 with slot set to where it would go (the first removed slot on its path, else the
    // empty one). A digest still in the old table while the slots grow is moved into that place first.
    private int Find(Digest digest, out int slot)
    {
        int record = FindIn(_slots, digest, out slot);
        if (record < 0 && _old is { } old && FindIn(old, digest, out int oldSlot) is >= 0 and var found)
        {
            old[oldSlot] = Removed;
            Place(slot, found + 1);
            return found;
        }

        return record;
    }

    private int FindIn(int[] slots, Digest digest, out int slot)
    {
        int mask = slots.Length - 1;
        int i = HomeSlot(digest, slots);
        slot = -1;
        while (true)
        {
            int s = slots[i];
            if (s == Empty)
            {
                if (slot < 0)
                {
                    slot = i;
                }

                return -1;
            }

            if (s == Removed)
            {
                if (slot < 0)
                {
                    slot = i;
                }
            }
            else if (At(s - 1).Digest == digest)
            {
                slot = i;
                return s - 1;
            }

            i = (i + 1) & mask;
        }
    }

    private int Insert(Digest digest, int slot, uint departmentId, ulong validUntil, long acceptedAtMs, int write)
    {
        if (_records == _chunks.Length * ChunkSize)
        {
            Array.Resize(ref _chunks, _chunks.Length + 1);
            _chunks[^1] = new Record[ChunkSize];
        }

        int record = _records++;
        At(record) = new Record
        {
            Digest = digest,
            DepartmentId = departmentId,
            ValidUntil = validUntil,
            AcceptedAtMs = acceptedAtMs,
            Write = write,
        };
        Place(slot, record + 1);
        _count++;
        if (_old is not null)
        {
            MoveOld(MovedPerInsert);
        }
        else if (_usedSlots * 2 > _slots.Length)
        {
            Grow();
        }

        return record;
    }

    private void ReleaseLocked(ReadOnlySpan<int> records)
    {
        foreach (int record in records)
        {
            ref var r = ref At(record);
            if (r.Write == Committed || r.Write == Released)
            {
                continue;
            }

            r.Write = Released;
            if (Find(r.Digest, out int slot) == record)
            {
                _slots[slot] = Removed;
                _count--;
            }
        }
    }

    private void Place(int slot, int value)
    {
        if (_slots[slot] == Empty)
        {
            _usedSlots++;
        }

        _slots[slot] = value;
    }

    // Starts moving into new slots (or only leaving removed ones behind) so that at most a quarter of them is in use.
    private void Grow()
    {
        int capacity = _slots.Length;
        while (_count * 4 > capacity)
        {
            capacity *= 2;
        }

        (_old, _moved) = (_slots, 0);
        _slots = new int[capacity];
        _usedSlots = 0;
    }

    // Moves up to count of the old table's slots into the new one; a moved slot is marked removed there, so that the
    // digests after it on the same path are still found until their turn.
    private void MoveOld(int count)
    {
        var old = _old!;
        int mask = _slots.Length - 1;
        for (int end = Math.Min(old.Length, _moved + count); _moved < end; _moved++)
        {
            int s = old[_moved];
            if (s > 0)
            {
                int i = HomeSlot(At(s - 1).Digest, _slots);
                while (_slots[i] > 0)
                {
                    i = (i + 1) & mask;
                }

                Place(i, s);
                old[_moved] = Removed;
            }
        }

        if (_moved == old.Length)
        {
            _old = null;
        }
    }

    // 64 bytes and no references: arrays of these are never scanned by the garbage collector.
    [StructLayout(LayoutKind.Sequential)]
    private struct Record
    {
        public Digest Digest;
        public ulong ValidUntil;
        public long AcceptedAtMs;
        public long BatchId;
        public uint DepartmentId;
        public int Write;
    }
}
