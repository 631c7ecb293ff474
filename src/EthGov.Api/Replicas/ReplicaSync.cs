using System.Data.Common;
using System.Globalization;
using EthGov.Api.Outbox;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Replicas;

/// <summary>
/// Keeps this replica's memory (the <see cref="DocumentIndex"/>, the <see cref="PendingDocuments"/> and the
/// <see cref="BatchStore"/>'s mirror) in step with the rows the other replicas of the node write to the shared PostgreSQL
/// database, by polling every <see cref="ReplicaOptions.PollInterval"/>: so a document accepted by one replica is batched
/// by the lease holder, and its status and proof are answered by every replica. With SQLite it does nothing.
/// </summary>
/// <remarks>
/// <para>
/// Why a poll and not LISTEN/NOTIFY: a notification is lost whenever the listening connection drops (a database restart,
/// a network cut), so a poll would be needed anyway to find what was missed; and NOTIFY takes a database-wide lock at
/// every commit that sends one, which would serialise the outbox writers of every replica. The poll costs one small query
/// a round when nothing changed.
/// </para>
/// <para>
/// Documents are read by id above a high-water mark, but ids are handed out when a row is inserted, not when it is
/// committed: a row with a lower id can become visible after a higher one. So the mark advances only to ids that can no
/// longer appear: each round notes the sequence's last value, then the server's clock; the value noted is safe once no
/// client session's transaction that began by that time is still open (the oldest <c>xact_start</c> of the client
/// backends in <c>pg_stat_activity</c> is later).
/// Transaction ids cannot tell this: PostgreSQL gives a transaction its id at its first row, not when <c>nextval</c>
/// hands it its row's id, and a snapshot's xmax is one past the last completed id, not the next to be assigned, so a
/// writer descheduled at that point looked ended, and a replica passed its row for good
/// (<c>ReplicaTests.WriterStalledBetweenItsRowsIdAndItsFirstWrite_...</c>). A row thus shows up a round or two after its
/// commit. The rows this process inserted itself carry its <see cref="OwnWrites.Tag"/> and are left out: its memory has
/// them. The replicas share one database role, so each sees the others' transactions in <c>pg_stat_activity</c>.
/// </para>
/// <para>
/// Batches are written only by the lease holder, one transaction at a time, in id order: new ones are read above their own
/// mark, and the ones this replica holds as pending are read again until they are settled.
/// </para>
/// </remarks>
public sealed class ReplicaSync(
    Database database,
    DocumentIndex index,
    PendingDocuments pending,
    BatchStore batches,
    OwnWrites ownWrites,
    IOptions<ReplicaOptions> options,
    ILogger<ReplicaSync> logger) : BackgroundService
{
    private const int PageRows = 10_000;
    private const int BatchPageRows = 500;

    private readonly Lock _lock = new();
    private readonly Queue<(long LastId, DateTime NotedAt)> _marks = new();

    // Members of batches read before their documents were: linked when the documents arrive.
    private readonly Dictionary<Digest, long> _orphans = [];

    // A page of rows and their records, kept from round to round: a fresh 10,000-row page was a large-object allocation
    // of new memory every time.
    private readonly List<CommittedDocument> _page = new(PageRows);
    private readonly int[] _records = new int[PageRows];
    private DbConnection? _connection;
    private long _safeDocumentId;
    private long _lastMarked;
    private long _documentsRead;
    private long _readOwnThrough;
    private long _rowsRead;
    private long _batchesRead;
    private bool _failing;
    private bool _seeded;

    /// <summary>How many document rows this process has read: the other replicas' (and its own after a commit it could not confirm).</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>Reads what the other replicas wrote since the last round, now (before this replica starts a lease term).</summary>
    /// <exception cref="DbException">The database could not be read.</exception>
    public void CatchUp() => Round(documentBudget: null);

    // One round: new and settled batches, then documents for at most documentBudget (null: all of them); whether documents
    // are left for the next round. Under load another replica's documents take seconds to read, and batches read only
    // after them would tell this replica seconds late that its own documents are anchored.
    private bool Round(TimeSpan? documentBudget)
    {
        if (database.IsSqlite)
        {
            return false;
        }

        lock (_lock)
        {
            try
            {
                var connection = Connection();
                SeedOrphans();
                ReadBatches(connection);
                return ReadDocuments(connection, documentBudget);
            }
            catch (DbException)
            {
                _connection?.Dispose();
                _connection = null;
                throw;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.IsSqlite)
        {
            return;
        }

        try
        {
            bool behind = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                // A round that left documents to read is followed at once.
                if (behind)
                {
                    await Task.Yield();
                    stoppingToken.ThrowIfCancellationRequested();
                }
                else
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }

                behind = false;
                try
                {
                    behind = Round(options.Value.PollInterval);
                    if (_failing)
                    {
                        _failing = false;
                        logger.LogInformation("the other replicas' writes are read again");
                    }
                }
                catch (DbException ex) when (!_failing)
                {
                    _failing = true;
                    logger.LogWarning("the other replicas' writes cannot be read ({Error}); this replica retries every {Interval}", ex.Message, options.Value.PollInterval);
                }
                catch (DbException)
                {
                    // Said once above; said again when it works.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_lock)
            {
                _connection?.Dispose();
                _connection = null;
            }
        }
    }

    private bool ReadDocuments(DbConnection connection, TimeSpan? budget)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        AdvanceSafeId(connection);
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT id, digest, department, valid_until, accepted_at FROM documents
            WHERE id > @after AND id <= @safe AND (writer IS DISTINCT FROM @writer OR id <= @readOwnThrough) ORDER BY id LIMIT @rows
            """;
        var after = select.Parameters.Add("@after", System.Data.DbType.Int64);
        select.Parameters.AddWithValue("@safe", _safeDocumentId);
        select.Parameters.AddWithValue("@writer", ownWrites.Tag);
        select.Parameters.AddWithValue("@readOwnThrough", _readOwnThrough);
        select.Parameters.AddWithValue("@rows", PageRows);
        var buffer = new byte[Digest.Size];
        while (_documentsRead < _safeDocumentId)
        {
            if (budget is { } limit && System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            {
                return true;
            }

            after.Value = _documentsRead;
            var page = _page;
            long lastId = ReadPage(select, buffer, page);
            if (page.Count > 0)
            {
                _documentsRead = lastId;
            }

            var records = _records;
            index.AddCommitted(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(page), records);
            var added = new List<int>();
            var linked = new Dictionary<long, List<int>>();
            for (int i = 0; i < page.Count; i++)
            {
                var digest = page[i].Digest;
                int record = records[i];
                if (record < 0)
                {
                    // Accepted here as well (a client that got no answer from a replica killed after its commit sent it
                    // here again, or a commit this replica could not confirm), or by two replicas at once: one anchor
                    // either way, and a batch read before this row that carries the digest carries the record held here.
                    record = _orphans.ContainsKey(digest) ? index.RecordOf(digest) : -1;
                    if (record < 0)
                    {
                        continue;
                    }
                }

                if (_orphans.Remove(digest, out var batchId))
                {
                    if (!linked.TryGetValue(batchId, out var members))
                    {
                        linked[batchId] = members = [];
                    }

                    members.Add(record);
                }
                else
                {
                    added.Add(record);
                }
            }

            foreach (var (batchId, members) in linked)
            {
                index.AssignBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members), batchId);
            }

            pending.Add(added.ToArray());
            Interlocked.Add(ref _rowsRead, page.Count);
            if (page.Count < PageRows)
            {
                _documentsRead = _safeDocumentId;
            }

            ownWrites.NoteRead(_documentsRead);
        }

        return false;
    }

    // A whole page is read before any of it is applied: a connection lost half-way through (the server stopped, a network
    // cut) used to leave the rows read so far in the index and past the read mark, but never handed to the batcher.
    private static long ReadPage(DbCommand select, byte[] buffer, List<CommittedDocument> page)
    {
        page.Clear();
        long lastId = 0;
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            lastId = reader.GetInt64(0);
            reader.GetBytes(1, 0, buffer, 0, Digest.Size);
            page.Add(new CommittedDocument(new Digest(buffer), (uint)reader.GetInt64(2), (ulong)reader.GetInt64(3), reader.GetInt64(4)));
        }

        return lastId;
    }

    // Notes this round's mark and moves the safe id to the newest mark no open transaction is older than.
    private void AdvanceSafeId(DbConnection connection)
    {
        // Taken before the sequence is read: the ids a commit that failed took are at most the last value read after it.
        var uncertainFrom = ownWrites.TakeUncertain();
        try
        {
            // Two statements, in this order: a transaction that took an id the first one counts is open, or has ended, when
            // the second one looks.
            long lastId;
            using (var sequence = connection.CreateCommand())
            {
                sequence.CommandText = "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('documents', 'id')::regclass), 0)";
                lastId = Convert.ToInt64(sequence.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            // Client sessions only: an autovacuum worker's transaction on the documents table can last minutes, and it
            // hands out no ids.
            using var open = connection.CreateCommand();
            open.CommandText = """
                SELECT clock_timestamp(), min(xact_start), current_setting('track_activities') = 'on'
                FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                """;
            using var reader = open.ExecuteReader();
            reader.Read();
            var now = reader.GetDateTime(0);
            DateTime? oldestOpen = reader.IsDBNull(1) ? null : reader.GetDateTime(1);
            if (!reader.GetBoolean(2))
            {
                // Without it no transaction shows its start, and every id would look safe.
                throw new InvalidOperationException("track_activities is off on the database server: replicas need it on to know which rows can still appear");
            }

            if (uncertainFrom is { } uncertain)
            {
                // This process's rows from there on are read like the others' (rows already held are passed over).
                _documentsRead = Math.Min(_documentsRead, uncertain);
                _readOwnThrough = Math.Max(_readOwnThrough, lastId);
            }

            // A value already noted (or passed) gains nothing from a later time: an idle node adds no marks.
            if (lastId > _lastMarked)
            {
                _marks.Enqueue((lastId, now));
                _lastMarked = lastId;
            }

            while (_marks.Count > 0 && (oldestOpen is not { } oldest || oldest > _marks.Peek().NotedAt))
            {
                _safeDocumentId = Math.Max(_safeDocumentId, _marks.Dequeue().LastId);
            }
        }
        catch (DbException) when (uncertainFrom is { } from)
        {
            ownWrites.MarkUncertain(from);
            throw;
        }
    }

    private void ReadBatches(DbConnection connection)
    {
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"""
                SELECT {BatchStore.Columns}
                FROM batches WHERE id > @after ORDER BY id LIMIT @rows
                """;
            var after = select.Parameters.Add("@after", System.Data.DbType.Int64);
            select.Parameters.AddWithValue("@rows", BatchPageRows);
            int rows;
            do
            {
                after.Value = _batchesRead;
                rows = 0;
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows++;
                    var batch = BatchStore.Read(reader);
                    _batchesRead = batch.Id;
                    if (batches.Observe(batch))
                    {
                        Link(batch);
                    }
                }
            }
            while (rows == BatchPageRows);
        }

        var unsettled = batches.Unsettled().Where(b => b.Id <= _batchesRead).Select(b => b.Id).Take(BatchPageRows).ToArray();
        if (unsettled.Length == 0)
        {
            return;
        }

        using var settled = connection.CreateCommand();
        settled.CommandText = """
            SELECT id, state, attempts, error, tx_hash, block_number, block_hash, block_time, valid_until
            FROM batches WHERE id = ANY(@ids) AND state <> @pending
            """;
        settled.Parameters.AddWithValue("@ids", unsettled);
        settled.Parameters.AddWithValue("@pending", (int)BatchState.Pending);
        using var rowsSettled = settled.ExecuteReader();
        while (rowsSettled.Read())
        {
            if (batches.Get(rowsSettled.GetInt64(0)) is not { } known)
            {
                continue;
            }

            batches.Observe(known with
            {
                State = (BatchState)(int)rowsSettled.GetInt64(1),
                Attempts = (int)rowsSettled.GetInt64(2),
                Error = rowsSettled.IsDBNull(3) ? null : rowsSettled.GetString(3),
                TransactionHash = rowsSettled.IsDBNull(4) ? null : rowsSettled.GetString(4),
                BlockNumber = rowsSettled.IsDBNull(5) ? null : (ulong)rowsSettled.GetInt64(5),
                BlockHash = rowsSettled.IsDBNull(6) ? null : rowsSettled.GetString(6),
                BlockTime = rowsSettled.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeSeconds(rowsSettled.GetInt64(7)),
                ValidUntil = (ulong)rowsSettled.GetInt64(8),
            });
        }
    }

    // The loader reads the documents before the batches: a document another replica committed in between, and the
    // lease holder batched at once, is in a loaded batch but not in the index. It must join that batch when it is read,
    // not wait for another one. (Each round then reads batches before documents, and links the same way.)
    private void SeedOrphans()
    {
        if (_seeded)
        {
            return;
        }

        foreach (var batch in batches.Unsettled().Concat(batches.ConfirmedAfter(0)))
        {
            foreach (var member in batch.Members)
            {
                if (index.RecordOf(member) < 0)
                {
                    _orphans[member] = batch.Id;
                }
            }
        }

        _seeded = true;
    }

    // A batch new to this replica: its documents carry it from now on (those not read yet, once they are).
    private void Link(BatchRecord batch)
    {
        var missing = new List<Digest>();
        index.AssignMembers(batch, missing);
        foreach (var member in missing)
        {
            _orphans[member] = batch.Id;
        }
    }

    // One connection, again after the server dropped it; the caller holds _lock.
    private DbConnection Connection()
    {
        if (_connection is { State: not System.Data.ConnectionState.Open })
        {
            _connection.Dispose();
            _connection = null;
        }

        return _connection ??= database.Connect();
    }
}
