using System.Data.Common;
using System.Globalization;
using System.Numerics;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// The grantee's exchanges and access-log batches, in the node's database. Nothing is kept in memory: a restarted node
/// reads where every exchange stood from here. Every move of an exchange names the state it leaves
/// (<c>UPDATE ... WHERE state = from</c>) and obeys <see cref="ExchangeTransitions"/>, so two workers, or a worker and
/// a late retry, cannot both take the same step.
/// </summary>
public sealed class ExchangeStore(Database database, TimeProvider? time = null) : IDisposable
{
    private const string Columns = """
        id, department, grant_id, record_id, holder, sealed_query, query_digest, request_id, entry_hash, state, reason, detail,
        attempts, next_attempt_at, log_batch, log_root, log_proof, log_tx, log_block, content_digest, media_type, grant_use,
        retention_days, retain_until, content_served_at, receipt_sent_at, created_at, updated_at
        """;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private DbConnection? _connection;
    private GroupCommit? _group;

    /// <summary>Writes a new exchange, committed before this returns; it waits in <see cref="ExchangeState.Requested"/>.</summary>
    public ExchangeRecord Create(NewExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        lock (_lock)
        {
            return Insert(Connection(), null, exchange);
        }
    }

    /// <summary><see cref="Create"/> in a commit shared with the other writes waiting for one (group commit).</summary>
    public Task<ExchangeRecord> CreateAsync(NewExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return Group().WriteAsync((connection, transaction) => Insert(connection, transaction, exchange));
    }

    // Released is a new step: its attempts count from zero (the worker's anchor rechecks are counted in it).
    private const string ReleasedSet = "content_digest = @digest, media_type = @media, attempts = 0, detail = NULL";

    private const string VerifiedSet = "retain_until = @retain, attempts = 0, next_attempt_at = @now, detail = NULL";

    private const string ReceiptSentSet = "receipt_sent_at = @now, detail = NULL";

    private const string ReceiptDueCondition = "state = 3 AND receipt_sent_at IS NULL";

    /// <summary><see cref="MarkReleased"/> in a shared commit.</summary>
    public Task<bool> MarkReleasedAsync(long id, Digest contentDigest, string mediaType)
        => MoveAsync(id, ExchangeState.Logged, ExchangeState.Released, ReleasedSet, Released(contentDigest, mediaType));

    /// <summary>
    /// Ends <paramref name="exchange"/>'s steps in one shared commit: the release of <paramref name="contentDigest"/> when
    /// it is still Logged (Logged → Released), the rows of <paramref name="keep"/> (the records it brought, in the same
    /// transaction on this store's database), and Released → Verified. False when another step had moved it.
    /// </summary>
    public Task<bool> VerifyAsync(ExchangeRecord exchange, Digest contentDigest, string mediaType, DateTimeOffset? retainUntil, Action<DbConnection, DbTransaction> keep)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(keep);
        return Group().WriteAsync((connection, transaction) =>
        {
            // The records first: a statement that fails later leaves them kept, which a retry of the exchange finds.
            keep(connection, transaction);
            if (exchange.State == ExchangeState.Logged)
            {
                MoveIn(connection, transaction, exchange.Id, ExchangeState.Logged, ExchangeState.Released, ReleasedSet, Released(contentDigest, mediaType));
            }

            return Verify(connection, transaction, exchange.Id, retainUntil);
        });
    }

    private static (string Name, object Value)[] Released(Digest contentDigest, string mediaType)
        => [("@digest", contentDigest.ToArray()), ("@media", mediaType)];

    private bool Verify(DbConnection connection, DbTransaction? transaction, long id, DateTimeOffset? retainUntil)
    {
        var moved = MoveIn(connection, transaction, id, ExchangeState.Released, ExchangeState.Verified, VerifiedSet,
            [("@retain", retainUntil is { } r ? r.ToUnixTimeMilliseconds() : DBNull.Value)]);
        GranteeMetrics.Verified(moved ? 1 : 0);
        return moved;
    }

    /// <summary><see cref="MarkReceiptSent"/> for each of <paramref name="ids"/>, all in one shared commit; how many moved.</summary>
    public Task<int> MarkReceiptsSentAsync(IReadOnlyList<long> ids)
        => Group().WriteAsync((connection, transaction) => ids.Count(id => UpdateIn(connection, transaction, id, ReceiptSentSet, ReceiptDueCondition, [])));

    private ExchangeRecord Insert(DbConnection connection, DbTransaction? transaction, NewExchange exchange)
    {
        var now = _time.GetUtcNow();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO exchanges (department, grant_id, record_id, holder, sealed_query, query_digest, request_id, entry_hash,
                state, attempts, next_attempt_at, grant_use, retention_days, created_at, updated_at)
            VALUES (@department, @grant, @record, @holder, @sealed, @query, @request, @entry, 0, 0, @now, @use, @retention, @now, @now)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("@department", (long)exchange.Department);
        insert.Parameters.AddWithValue("@grant", exchange.GrantId.ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("@record", exchange.RecordId.ToArray());
        insert.Parameters.AddWithValue("@holder", (long)exchange.Holder);
        insert.Parameters.AddWithValue("@sealed", (object?)exchange.SealedQuery ?? DBNull.Value);
        insert.Parameters.AddWithValue("@query", exchange.QueryDigest is { } q ? q.ToArray() : DBNull.Value);
        insert.Parameters.AddWithValue("@request", exchange.RequestId.ToArray());
        insert.Parameters.AddWithValue("@entry", exchange.EntryHash.ToArray());
        insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("@use", exchange.Store ? 1 : 0);
        insert.Parameters.AddWithValue("@retention", exchange.RetentionDays);
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        return new ExchangeRecord(id, exchange.Department, exchange.GrantId, exchange.RecordId, exchange.Holder, exchange.RequestId,
            exchange.EntryHash, ExchangeState.Requested, now, now)
        {
            SealedQuery = exchange.SealedQuery,
            QueryDigest = exchange.QueryDigest,
            Store = exchange.Store,
            RetentionDays = exchange.RetentionDays,
            NextAttemptAt = now,
        };
    }

    /// <summary>The exchange with <paramref name="id"/>, or null.</summary>
    public ExchangeRecord? Get(long id) => Select("WHERE id = @id", ("@id", id)).FirstOrDefault();

    /// <summary>The exchange whose request id is <paramref name="requestId"/>, or null.</summary>
    public ExchangeRecord? GetByRequest(Digest requestId) => Select("WHERE request_id = @request", ("@request", requestId.ToArray())).FirstOrDefault();

    /// <summary>Up to <paramref name="limit"/> exchanges of <paramref name="department"/> with an id below <paramref name="beforeId"/> (all when null), newest first.</summary>
    public IReadOnlyList<ExchangeRecord> OfDepartment(uint department, long? beforeId, int limit)
        => Select("WHERE department = @department AND id < @before ORDER BY id DESC LIMIT @limit",
            ("@department", (long)department), ("@before", beforeId ?? long.MaxValue), ("@limit", limit));

    /// <summary>Requested exchanges whose entry is in no batch yet, oldest first.</summary>
    public IReadOnlyList<ExchangeRecord> Unbatched(int limit)
        => Select("WHERE state = 0 AND log_batch IS NULL ORDER BY id LIMIT @limit", ("@limit", limit));

    /// <summary>
    /// Exchanges the worker has to take a step for (logged or released, due by <paramref name="now"/>), most overdue first.
    /// With <paramref name="head"/> (the chain's latest block), a logged exchange not tried yet whose log is in that block
    /// or later is left out while it is younger than <paramref name="blockWait"/>: the holder would answer that its log
    /// is not confirmed yet.
    /// </summary>
    public IReadOnlyList<DueExchange> Due(DateTimeOffset now, int limit, ulong? head = null, TimeSpan blockWait = default)
        => SelectDue(
            """
            WHERE state IN (1, 2) AND next_attempt_at <= @now
              AND NOT (state = 1 AND attempts = 0 AND log_block IS NOT NULL AND log_block >= @head AND updated_at > @waitFrom)
            ORDER BY next_attempt_at, id LIMIT @limit
            """,
            now, limit, ("@head", head is { } h ? (long)Math.Min(h, long.MaxValue) : long.MaxValue), ("@waitFrom", (now - blockWait).ToUnixTimeMilliseconds()));

    /// <summary>The whole rows of the exchanges with <paramref name="ids"/> (those that exist), by id.</summary>
    public IReadOnlyList<ExchangeRecord> GetMany(IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var names = ids.Select((_, i) => $"@id{i}").ToArray();
        return Select($"WHERE id IN ({string.Join(", ", names)}) ORDER BY id", [.. names.Select((name, i) => (name, (object)ids[i]))]);
    }

    /// <summary>When the next logged or released exchange is due, or null when none waits.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            using var select = Connection().CreateCommand();
            select.CommandText = "SELECT min(next_attempt_at) FROM exchanges WHERE state IN (1, 2)";
            return select.ExecuteScalar() is long at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
        }
    }

    /// <summary>Verified exchanges whose receipt the holder has not acknowledged yet.</summary>
    public IReadOnlyList<DueExchange> ReceiptsDue(DateTimeOffset now, int limit)
        => SelectDue("WHERE state = 3 AND receipt_sent_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT @limit", now, limit);

    private const string DueColumns = "id, department, holder, state, attempts, log_block, updated_at";

    private List<DueExchange> SelectDue(string where, DateTimeOffset now, int limit, params (string Name, object Value)[] parameters)
        => Select(DueColumns, where, ReadDue, [("@now", now.ToUnixTimeMilliseconds()), ("@limit", limit), .. parameters]);

    private static DueExchange ReadDue(DbDataReader r) => new(
        r.GetInt64(0), (uint)r.GetInt64(1), (uint)r.GetInt64(2), (ExchangeState)r.GetInt32(3), r.GetInt32(4),
        r.IsDBNull(5) ? null : (ulong)r.GetInt64(5), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));

    /// <summary>
    /// Stores a batch of <paramref name="exchanges"/>' entries (one department's, in leaf order) before it is sent, and
    /// links the exchanges to it, in one transaction.
    /// </summary>
    public AccessLogBatchRecord AddBatch(uint department, AccessLogBatch batch, IReadOnlyList<long> exchanges)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(exchanges);
        if (exchanges.Count != batch.Entries.Count)
        {
            throw new ArgumentException("one exchange per entry of the batch", nameof(exchanges));
        }

        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO access_log_batches (department, root, entries, state, attempts, next_attempt_at, created_at)
                VALUES (@department, @root, @entries, 0, 0, @now, @now) RETURNING id
                """;
            insert.Parameters.AddWithValue("@department", (long)department);
            insert.Parameters.AddWithValue("@root", batch.Root.ToArray());
            insert.Parameters.AddWithValue("@entries", DigestSequence.Pack(batch.Entries));
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);

            using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = "UPDATE exchanges SET log_batch = @batch, updated_at = @now WHERE id = @id AND state = 0 AND log_batch IS NULL";
            var idParameter = link.Parameters.Add("@id", System.Data.DbType.Int64);
            link.Parameters.AddWithValue("@batch", id);
            link.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            foreach (var exchange in exchanges)
            {
                idParameter.Value = exchange;
                if (link.ExecuteNonQuery() != 1)
                {
                    throw new InvalidOperationException($"exchange {exchange} is not a requested exchange outside any batch");
                }
            }

            transaction.Commit();
            return new AccessLogBatchRecord(id, department, batch.Root, batch.Entries, false, 0, now);
        }
    }

    /// <summary>
    /// The entries of the batch with <paramref name="root"/> that the chain confirmed, in leaf order, with the department
    /// that logged it; null when this node logged no such batch (or it is not confirmed yet).
    /// </summary>
    public AccessLogBatchRecord? ConfirmedBatch(Digest root)
    {
        lock (_lock)
        {
            using var select = Connection().CreateCommand();
            select.CommandText = "SELECT id, department, root, entries, attempts, next_attempt_at FROM access_log_batches WHERE root = @root AND state = 1 ORDER BY id LIMIT 1";
            select.Parameters.AddWithValue("@root", root.ToArray());
            using var reader = select.ExecuteReader();
            return reader.Read()
                ? new AccessLogBatchRecord(reader.GetInt64(0), (uint)reader.GetInt64(1), new Digest((byte[])reader[2]),
                    DigestSequence.Unpack((byte[])reader[3]), true, reader.GetInt32(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)))
                : null;
        }
    }

    /// <summary>Batches not confirmed yet, oldest first.</summary>
    public IReadOnlyList<AccessLogBatchRecord> PendingBatches()
    {
        var pending = new List<AccessLogBatchRecord>();
        lock (_lock)
        {
            using var select = Connection().CreateCommand();
            select.CommandText = "SELECT id, department, root, entries, attempts, next_attempt_at FROM access_log_batches WHERE state = 0 ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                pending.Add(new AccessLogBatchRecord(reader.GetInt64(0), (uint)reader.GetInt64(1), new Digest((byte[])reader[2]),
                    DigestSequence.Unpack((byte[])reader[3]), false, reader.GetInt32(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }
        }

        return pending;
    }

    /// <summary>Records a failed send of a batch and when to send it again.</summary>
    public void PostponeBatch(long batchId, int attempts, string error, DateTimeOffset nextAttemptAt)
    {
        lock (_lock)
        {
            using var update = Connection().CreateCommand();
            update.CommandText = "UPDATE access_log_batches SET attempts = @attempts, error = @error, next_attempt_at = @next WHERE id = @id AND state = 0";
            update.Parameters.AddWithValue("@id", batchId);
            update.Parameters.AddWithValue("@attempts", attempts);
            update.Parameters.AddWithValue("@error", error);
            update.Parameters.AddWithValue("@next", nextAttemptAt.ToUnixTimeMilliseconds());
            update.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// The chain confirmed <paramref name="batch"/>: in one transaction the batch is confirmed and each of its exchanges
    /// moves to <see cref="ExchangeState.Logged"/> with the root, its own proof, the transaction and the block, due at
    /// once. Returns how many exchanges moved.
    /// </summary>
    public int ConfirmBatch(AccessLogBatchRecord batch, string? transactionHash, ulong blockNumber)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tree = AccessLogBatch.Form(batch.Entries);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            using var confirm = connection.CreateCommand();
            confirm.Transaction = transaction;
            confirm.CommandText = "UPDATE access_log_batches SET state = 1, attempts = attempts + 1, error = NULL, tx_hash = @tx, block_number = @block WHERE id = @id";
            confirm.Parameters.AddWithValue("@id", batch.Id);
            confirm.Parameters.AddWithValue("@tx", (object?)transactionHash ?? DBNull.Value);
            confirm.Parameters.AddWithValue("@block", (long)blockNumber);
            confirm.ExecuteNonQuery();

            var members = new List<(long Id, Digest Entry)>();
            using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT id, entry_hash FROM exchanges WHERE log_batch = @batch AND state = 0";
                select.Parameters.AddWithValue("@batch", batch.Id);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    members.Add((reader.GetInt64(0), new Digest((byte[])reader[1])));
                }
            }

            var index = new Dictionary<Digest, int>(batch.Entries.Count);
            for (int i = 0; i < batch.Entries.Count; i++)
            {
                index[batch.Entries[i]] = i;
            }

            using var logged = connection.CreateCommand();
            logged.Transaction = transaction;
            logged.CommandText = """
                UPDATE exchanges SET state = 1, log_root = @root, log_proof = @proof, log_tx = @tx, log_block = @block, attempts = 0,
                    detail = NULL, next_attempt_at = @now, updated_at = @now
                WHERE id = @id AND state = 0
                """;
            var id = logged.Parameters.Add("@id", System.Data.DbType.Int64);
            var proof = logged.Parameters.Add("@proof", System.Data.DbType.Binary);
            logged.Parameters.AddWithValue("@root", batch.Root.ToArray());
            logged.Parameters.AddWithValue("@tx", (object?)transactionHash ?? DBNull.Value);
            logged.Parameters.AddWithValue("@block", (long)blockNumber);
            logged.Parameters.AddWithValue("@now", now);
            int moved = 0;
            foreach (var (exchange, entry) in members)
            {
                id.Value = exchange;
                proof.Value = DigestSequence.Pack(tree.ProofOf(index[entry]));
                moved += logged.ExecuteNonQuery();
            }

            transaction.Commit();
            return moved;
        }
    }

    /// <summary>
    /// The chain refused <paramref name="batchId"/> for good (the department's signer is no longer one, say): the batch
    /// is closed and its exchanges refused with <paramref name="reason"/>, in one transaction.
    /// </summary>
    public int FailBatch(long batchId, string reason, string detail)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            using var fail = connection.CreateCommand();
            fail.Transaction = transaction;
            fail.CommandText = """
                UPDATE access_log_batches SET state = 2, attempts = attempts + 1, error = @detail WHERE id = @id;
                UPDATE exchanges SET state = 4, reason = @reason, detail = @detail, updated_at = @now WHERE log_batch = @id AND state = 0;
                """;
            fail.Parameters.AddWithValue("@id", batchId);
            fail.Parameters.AddWithValue("@reason", reason);
            fail.Parameters.AddWithValue("@detail", detail);
            fail.Parameters.AddWithValue("@now", now);
            var changed = fail.ExecuteNonQuery();
            transaction.Commit();
            GranteeMetrics.Refused(reason, changed - 1);
            return changed - 1;
        }
    }

    /// <summary>The holder released content with <paramref name="contentDigest"/>: Logged → Released.</summary>
    public bool MarkReleased(long id, Digest contentDigest, string mediaType)
        => Move(id, ExchangeState.Logged, ExchangeState.Released, ReleasedSet, Released(contentDigest, mediaType));

    /// <summary>The content checked out and is kept (until <paramref name="retainUntil"/> when stored): Released → Verified.</summary>
    public bool MarkVerified(long id, DateTimeOffset? retainUntil)
    {
        lock (_lock)
        {
            return Verify(Connection(), null, id, retainUntil);
        }
    }

    /// <summary>Refuses the exchange for good, from whatever unfinished state it is in; false when it was already final.</summary>
    public bool Refuse(long id, string reason, string detail)
    {
        lock (_lock)
        {
            using var update = Connection().CreateCommand();
            update.CommandText = "UPDATE exchanges SET state = 4, reason = @reason, detail = @detail, updated_at = @now WHERE id = @id AND state IN (0, 1, 2)";
            update.Parameters.AddWithValue("@id", id);
            update.Parameters.AddWithValue("@reason", reason);
            update.Parameters.AddWithValue("@detail", detail);
            update.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            var refused = update.ExecuteNonQuery() == 1;
            GranteeMetrics.Refused(reason, refused ? 1 : 0);
            return refused;
        }
    }

    /// <summary>Records a failed attempt of the current step (the state stays) and when to try again.</summary>
    public void Postpone(long id, int attempts, DateTimeOffset nextAttemptAt, string detail)
    {
        lock (_lock)
        {
            using var update = Connection().CreateCommand();
            update.CommandText = "UPDATE exchanges SET attempts = @attempts, next_attempt_at = @next, detail = @detail, updated_at = @now WHERE id = @id AND state IN (0, 1, 2, 3)";
            update.Parameters.AddWithValue("@id", id);
            update.Parameters.AddWithValue("@attempts", attempts);
            update.Parameters.AddWithValue("@next", nextAttemptAt.ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("@detail", detail);
            update.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            update.ExecuteNonQuery();
        }
    }

    /// <summary>The holder acknowledged the receipt of a verified exchange.</summary>
    public bool MarkReceiptSent(long id)
        => Update(id, ReceiptSentSet, ReceiptDueCondition);

    /// <summary>
    /// Marks the content as served to staff; false when it already was. For a ViewOnce grant this is the gate: only the
    /// caller that gets true serves it.
    /// </summary>
    public bool MarkContentServed(long id)
        => Update(id, "content_served_at = @now", "state = 3 AND content_served_at IS NULL");

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _group?.Dispose();
            _group = null;
            _connection?.Dispose();
            _connection = null;
        }
    }

    private bool Move(long id, ExchangeState from, ExchangeState to, string set, params (string Name, object Value)[] parameters)
    {
        lock (_lock)
        {
            return MoveIn(Connection(), null, id, from, to, set, parameters);
        }
    }

    private Task<bool> MoveAsync(long id, ExchangeState from, ExchangeState to, string set, params (string Name, object Value)[] parameters)
        => Group().WriteAsync((connection, transaction) => MoveIn(connection, transaction, id, from, to, set, parameters));

    private bool MoveIn(DbConnection connection, DbTransaction? transaction, long id, ExchangeState from, ExchangeState to, string set, (string Name, object Value)[] parameters)
    {
        if (!ExchangeTransitions.IsAllowed(from, to))
        {
            throw new InvalidOperationException($"an exchange does not move from {from} to {to}");
        }

        return UpdateIn(connection, transaction, id, $"state = {(int)to}, {set}", $"state = {(int)from}", parameters);
    }

    private bool Update(long id, string set, string condition, params (string Name, object Value)[] parameters)
    {
        lock (_lock)
        {
            return UpdateIn(Connection(), null, id, set, condition, parameters);
        }
    }

    private bool UpdateIn(DbConnection connection, DbTransaction? transaction, long id, string set, string condition, (string Name, object Value)[] parameters)
    {
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE exchanges SET {set}, updated_at = @now WHERE id = @id AND {condition}";
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var (name, value) in parameters)
        {
            update.Parameters.AddWithValue(name, value);
        }

        return update.ExecuteNonQuery() == 1;
    }

    // The writer of the shared commits works on this store's connection, under its lock.
    private GroupCommit Group()
    {
        lock (_lock)
        {
            return _group ??= new GroupCommit(Connection, database.Dialect, ownsConnections: false, _lock);
        }
    }

    private List<ExchangeRecord> Select(string where, params (string Name, object Value)[] parameters) => Select(Columns, where, Read, parameters);

    private List<T> Select<T>(string columns, string where, Func<DbDataReader, T> read, (string Name, object Value)[] parameters)
    {
        var found = new List<T>();
        lock (_lock)
        {
            using var select = Connection().CreateCommand();
            select.CommandText = $"SELECT {columns} FROM exchanges {where}";
            foreach (var (name, value) in parameters)
            {
                select.Parameters.AddWithValue(name, value);
            }

            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                found.Add(read(reader));
            }
        }

        return found;
    }

    private static ExchangeRecord Read(DbDataReader r) => new(
        r.GetInt64(0),
        (uint)r.GetInt64(1),
        BigInteger.Parse(r.GetString(2), CultureInfo.InvariantCulture),
        new Digest((byte[])r[3]),
        (uint)r.GetInt64(4),
        new Digest((byte[])r[7]),
        new Digest((byte[])r[8]),
        (ExchangeState)r.GetInt32(9),
        At(r, 26)!.Value,
        At(r, 27)!.Value)
    {
        SealedQuery = r.IsDBNull(5) ? null : (byte[])r[5],
        QueryDigest = r.IsDBNull(6) ? null : new Digest((byte[])r[6]),
        Reason = r.IsDBNull(10) ? null : r.GetString(10),
        Detail = r.IsDBNull(11) ? null : r.GetString(11),
        Attempts = r.GetInt32(12),
        NextAttemptAt = At(r, 13)!.Value,
        LogBatch = r.IsDBNull(14) ? null : r.GetInt64(14),
        LogRoot = r.IsDBNull(15) ? null : new Digest((byte[])r[15]),
        LogProof = r.IsDBNull(16) ? [] : DigestSequence.Unpack((byte[])r[16]),
        LogTransaction = r.IsDBNull(17) ? null : r.GetString(17),
        LogBlock = r.IsDBNull(18) ? null : (ulong)r.GetInt64(18),
        ContentDigest = r.IsDBNull(19) ? null : new Digest((byte[])r[19]),
        MediaType = r.IsDBNull(20) ? null : r.GetString(20),
        Store = r.GetInt32(21) == 1,
        RetentionDays = r.GetInt32(22),
        RetainUntil = At(r, 23),
        ContentServedAt = At(r, 24),
        ReceiptSentAt = At(r, 25),
    };

    private static DateTimeOffset? At(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

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
