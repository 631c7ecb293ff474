using System.Collections.Concurrent;
using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// Batches and their membership: stored as one row per batch (members as one blob of digests, so proofs
/// can be recomputed and no per-document update is needed) and mirrored in memory for status lookups.
/// </summary>
public sealed class BatchStore(Database database)
{
    private readonly ConcurrentDictionary<long, BatchRecord> _batches = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _settling = new();
    private readonly Lock _lock = new();
    private DbConnection? _connection;
    private long _lastId;

    /// <summary>The batch with <paramref name="id"/>.</summary>
    public BatchRecord? Get(long id) => _batches.TryGetValue(id, out var batch) ? batch : null;

    /// <summary>Completes when the batch with <paramref name="id"/> is confirmed or failed (at once when it is, or is unknown).</summary>
    public Task WhenSettled(long id)
    {
        if (Get(id) is not { State: BatchState.Pending })
        {
            return Task.CompletedTask;
        }

        var settled = _settling.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Get(id) is not { State: BatchState.Pending } && _settling.TryRemove(id, out var late))
        {
            // Settled between the two looks: Update may have found no one to wake.
            late.TrySetResult();
        }

        return settled.Task;
    }

    /// <summary>Batches that still have to reach the chain.</summary>
    public IEnumerable<BatchRecord> Unsettled() => _batches.Values.Where(b => b.State == BatchState.Pending).OrderBy(b => b.Id);

    /// <summary>Confirmed batches anchored in a block after <paramref name="block"/> (what a reorganisation may have undone).</summary>
    public IEnumerable<BatchRecord> ConfirmedAfter(ulong block) => _batches.Values.Where(b => b.State == BatchState.Confirmed && b.BlockNumber > block).OrderBy(b => b.Id);

    /// <summary>Stores new batches in one transaction and assigns their ids.</summary>
    public IReadOnlyList<BatchRecord> Add(IReadOnlyList<(uint DepartmentId, ulong ValidUntil, Digest Root, Digest[] Members)> batches, DateTimeOffset now)
    {
        var added = Insert(batches, now);
        foreach (var record in added)
        {
            _batches[record.Id] = record;
        }

        return added;
    }

    /// <summary>
    /// Stores a one-document batch the chain already confirmed (a supersession anchors its new digest itself). It is
    /// written confirmed before anyone can see it, so the batcher never takes it for a pending batch and sends it again.
    /// </summary>
    public BatchRecord AddConfirmed(uint departmentId, ulong validUntil, Digest digest, Chain.Transactions.TransactionOutcome outcome, DateTimeOffset now)
    {
        var confirmed = Insert([(departmentId, validUntil, digest, new[] { digest })], now, inserted => inserted with
        {
            State = BatchState.Confirmed,
            Attempts = 1,
            TransactionHash = outcome.TransactionHash,
            BlockNumber = outcome.BlockNumber,
            BlockHash = outcome.BlockHash,
            BlockTime = outcome.BlockTime,
        })[0];
        _batches[confirmed.Id] = confirmed;
        return confirmed;
    }

    // Rows of new batches, pending or as `settled` makes them, in one transaction.
    private List<BatchRecord> Insert(
        IReadOnlyList<(uint DepartmentId, ulong ValidUntil, Digest Root, Digest[] Members)> batches, DateTimeOffset now, Func<BatchRecord, BatchRecord>? settled = null)
    {
        var added = new List<BatchRecord>(batches.Count);
        lock (_lock)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO batches (id, department, valid_until, root, members, state, attempts, tx_hash, block_number, block_hash, block_time, created_at)
                VALUES (@id, @department, @validUntil, @root, @members, @state, @attempts, @tx, @block, @blockHash, @blockTime, @createdAt)
                """;
            foreach (var (departmentId, validUntil, root, members) in batches)
            {
                var record = new BatchRecord(++_lastId, departmentId, validUntil, root, members, BatchState.Pending, 0, null, null, null, null, null, now);
                record = settled?.Invoke(record) ?? record;
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("@id", record.Id);
                insert.Parameters.AddWithValue("@department", (long)departmentId);
                insert.Parameters.AddWithValue("@validUntil", (long)validUntil);
                insert.Parameters.AddWithValue("@root", root.ToArray());
                insert.Parameters.AddWithValue("@members", DigestSequence.Pack(members));
                insert.Parameters.AddWithValue("@state", (int)record.State);
                insert.Parameters.AddWithValue("@attempts", record.Attempts);
                insert.Parameters.AddWithValue("@tx", (object?)record.TransactionHash ?? DBNull.Value);
                insert.Parameters.AddWithValue("@block", record.BlockNumber is { } b ? (long)b : DBNull.Value);
                insert.Parameters.AddWithValue("@blockHash", (object?)record.BlockHash ?? DBNull.Value);
                insert.Parameters.AddWithValue("@blockTime", record.BlockTime is { } t ? t.ToUnixTimeSeconds() : DBNull.Value);
                insert.Parameters.AddWithValue("@createdAt", now.ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
                added.Add(record);
            }

            transaction.Commit();
        }

        return added;
    }

    /// <summary>Stores a batch's new state (confirmation, failure or another attempt), and its validity as the chain recorded it.</summary>
    public void Update(BatchRecord batch)
    {
        lock (_lock)
        {
            using var update = Connection().CreateCommand();
            update.CommandText = """
                UPDATE batches SET state = @state, attempts = @attempts, error = @error, tx_hash = @tx,
                    block_number = @block, block_hash = @blockHash, block_time = @blockTime, valid_until = @validUntil
                WHERE id = @id
                """;
            update.Parameters.AddWithValue("@id", batch.Id);
            update.Parameters.AddWithValue("@validUntil", (long)batch.ValidUntil);
            update.Parameters.AddWithValue("@state", (int)batch.State);
            update.Parameters.AddWithValue("@attempts", batch.Attempts);
            update.Parameters.AddWithValue("@error", (object?)batch.Error ?? DBNull.Value);
            update.Parameters.AddWithValue("@tx", (object?)batch.TransactionHash ?? DBNull.Value);
            update.Parameters.AddWithValue("@block", batch.BlockNumber is { } b ? (long)b : DBNull.Value);
            update.Parameters.AddWithValue("@blockHash", (object?)batch.BlockHash ?? DBNull.Value);
            update.Parameters.AddWithValue("@blockTime", batch.BlockTime is { } t ? t.ToUnixTimeSeconds() : DBNull.Value);
            update.ExecuteNonQuery();
        }

        _batches[batch.Id] = batch;
        if (batch.State != BatchState.Pending && _settling.TryRemove(batch.Id, out var settled))
        {
            settled.TrySetResult();
        }
    }

    /// <summary>
    /// Mirrors a batch another replica of the node stored or settled (read back by <c>Replicas.ReplicaSync</c>), in memory
    /// only: a batch not known here yet, or a settlement of one known here as pending. Anything else is older than what
    /// this replica holds (its own write, read back) and is ignored. Answers whether the batch was new here.
    /// </summary>
    internal bool Observe(BatchRecord batch)
    {
        bool added;
        lock (_lock)
        {
            var known = Get(batch.Id);
            if (known is not null && (known.State != BatchState.Pending || batch.State == BatchState.Pending))
            {
                return false;
            }

            added = known is null;
            _batches[batch.Id] = batch;
            _lastId = Math.Max(_lastId, batch.Id);
        }

        if (batch.State != BatchState.Pending && _settling.TryRemove(batch.Id, out var settled))
        {
            settled.TrySetResult();
        }

        return added;
    }

    /// <summary>Loads every stored batch; returns them for the loader to link documents to.</summary>
    internal IReadOnlyList<BatchRecord> Load()
    {
        var loaded = new List<BatchRecord>();
        lock (_lock)
        {
            using var select = Connection().CreateCommand();
            select.CommandText = $"SELECT {Columns} FROM batches ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var record = Read(reader);
                _batches[record.Id] = record;
                _lastId = Math.Max(_lastId, record.Id);
                loaded.Add(record);
            }
        }

        return loaded;
    }

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    internal const string Columns = "id, department, valid_until, root, members, state, attempts, error, tx_hash, block_number, block_hash, block_time, created_at, registry, issuer";

    /// <summary>The batch at <paramref name="reader"/>'s row, selected with <see cref="Columns"/>.</summary>
    internal static BatchRecord Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        (uint)reader.GetInt64(1),
        (ulong)reader.GetInt64(2),
        new Digest((byte[])reader[3]),
        DigestSequence.Unpack((byte[])reader[4]),
        (BatchState)(int)reader.GetInt64(5),
        (int)reader.GetInt64(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : (ulong)reader.GetInt64(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(11)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)))
    {
        Registry = reader.IsDBNull(13) ? null : reader.GetString(13),
        IssuerId = reader.IsDBNull(14) ? null : (uint)reader.GetInt64(14),
    };

    // One connection, again after the server dropped it (a PostgreSQL restart); the caller holds _lock.
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
