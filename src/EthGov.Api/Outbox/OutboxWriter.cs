using System.Buffers;
using System.Buffers.Binary;
using System.Data.Common;
using System.Data;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Threading.Channels;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EthGov.Api.Outbox;

/// <summary>
/// Group commit: requests put their documents on a channel; one writer with one long-lived connection and a
/// prepared insert drains many requests into one transaction, commits, then completes each request. A
/// request is answered only after the commit that holds its rows (docs/decisions.md, decision 9), and concurrent
/// requests share the cost of the fsync.
/// </summary>
public sealed class OutboxWriter : IHostedService, IDisposable
{
    // One transaction holds at most this many rows, so a burst of huge requests cannot starve the others.
    private const int MaxRowsPerCommit = 50_000;

    private static readonly Counter<long> s_accepted = EthGovTelemetry.Meter.CreateCounter<long>(
        "ethgov.documents.accepted", "{document}", "Documents accepted into the outbox: committed to disk before the answer, duplicates not counted");

    private readonly Database _database;
    private readonly DocumentIndex _index;
    private readonly PendingDocuments _pending;
    private readonly Replicas.OwnWrites _ownWrites;
    private readonly ILogger<OutboxWriter> _logger;
    private readonly Channel<Write> _channel;
    private Task? _loop;

    // The writer loop's own: opened before the first commit and again after a commit that found it closed, so a PostgreSQL
    // server that dropped the connection (a restart, a network cut) fails the requests of that commit, not every later one.
    private DbConnection? _connection;
    private DocumentRows? _documentRows;

    /// <summary>Creates the writer; it starts with the host.</summary>
    public OutboxWriter(
        Database database, DocumentIndex index, PendingDocuments pending, Replicas.OwnWrites ownWrites, IOptions<OutboxOptions> options, ILogger<OutboxWriter> logger)
    {
        _database = database;
        _index = index;
        _pending = pending;
        _ownWrites = ownWrites;
        _logger = logger;
        _channel = Channel.CreateBounded<Write>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// A commit signal to give the <see cref="DocumentIndex"/> when reserving, so a concurrent request for the same
    /// digest waits for the same commit instead of answering before it.
    /// </summary>
    public static TaskCompletionSource NewCommitSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Commits the new documents of <paramref name="reservation"/>, made with <paramref name="signal"/>'s task; completes
    /// after the commit, throws <see cref="OutboxUnavailableException"/> when it failed (the reservation is then given back).
    /// </summary>
    public async Task CommitAsync(Reservation reservation, TaskCompletionSource signal, CancellationToken cancellationToken)
    {
        if (reservation.CreatedCount == 0)
        {
            signal.TrySetResult();
            return;
        }

        // The request's span, so the batch that carries these documents can link back to it.
        var write = new Write(reservation, signal, Activity.Current?.Context ?? default);
        try
        {
            await _channel.Writer.WriteAsync(write, cancellationToken);
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            _index.Release(reservation);
            signal.TrySetException(new OutboxUnavailableException(OutboxFailure.ShuttingDown, ex));
        }

        await signal.Task;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Factory.StartNew(RunLogged, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Everything already queued is committed before the process stops.
        _channel.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Writer.TryComplete();

    // The loop is awaited only at shutdown, and every request waiting for a commit waits for it: should it stop before,
    // say so at once.
    private void RunLogged()
    {
        try
        {
            Run();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "the outbox writer stopped: no anchor request is committed until the API restarts");
            throw;
        }
    }

    private void Run()
    {
        try
        {
            WriteAll();
        }
        finally
        {
            Disconnect();
        }
    }

    private void Disconnect()
    {
        _documentRows?.Dispose();
        _connection?.Dispose();
        (_documentRows, _connection) = (null, null);
    }

    private void WriteAll()
    {

        // SQLite binds the whole array, so keep one array per size seen (a lone digest and requests of 1,000 reuse theirs).
        var blobs = new Dictionary<int, byte[]>();
        byte[] BlobFor(int count)
        {
            if (!blobs.TryGetValue(count, out var blob))
            {
                if (blobs.Count >= 64)
                {
                    blobs.Clear();
                }

                blob = new byte[count * Digest.Size];
                blobs[count] = blob;
            }

            return blob;
        }

        var reader = _channel.Reader;
        var group = new List<Write>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            int rows = 0;
            while (rows < MaxRowsPerCommit && reader.TryRead(out var write))
            {
                group.Add(write);
                rows += write.Reservation.CreatedCount;
            }

            var started = Stopwatch.GetTimestamp();
            long readMark = _ownWrites.ReadMark;
            try
            {
                if (_connection is null || _documentRows is null)
                {
                    _connection = _database.Connect();
                    _documentRows = _database.IsSqlite ? new SqliteDocumentRows(_connection) : new PostgresDocumentRows(_connection, _ownWrites.Tag);
                }

                using var transaction = _connection.BeginTransaction();
                foreach (var write in group)
                {
                    var reservation = write.Reservation;
                    var blob = BlobFor(reservation.CreatedCount);
                    _index.CopyDigests(reservation.Created, blob);
                    _documentRows.Insert(transaction, reservation, blob);
                }

                _documentRows.Flush(transaction);
                transaction.Commit();
                CommitMetrics.Record(CommitMetrics.OutboxWriter, started);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                _logger.LogError(ex, "outbox commit of {Rows} rows failed", rows);
                _ownWrites.MarkUncertain(readMark);
                foreach (var write in group)
                {
                    _index.Release(write.Reservation);
                    write.Done.TrySetException(new OutboxUnavailableException(OutboxFailure.NotStored, ex));
                }

                if (_connection is not { State: ConnectionState.Open })
                {
                    Disconnect();
                }

                continue;
            }

            foreach (var write in group)
            {
                _index.Commit(write.Reservation);
                _pending.Add(write.Reservation.CreatedRecords, write.Origin);
                write.Done.TrySetResult();
            }

            s_accepted.Add(rows);
        }
    }

    private sealed record Write(Reservation Reservation, TaskCompletionSource Done, ActivityContext Origin);

    // The rows of one request's documents, and their lines in the department's register of what it issued
    // (issued_documents), in the caller's transaction.
    private abstract class DocumentRows : IDisposable
    {
        // Inserts, or queues for Flush, one request's rows; digests may be reused by the caller once this returns.
        public abstract void Insert(DbTransaction transaction, Reservation reservation, byte[] digests);

        // Sends what Insert queued, before the commit.
        public virtual void Flush(DbTransaction transaction)
        {
        }

        public abstract void Dispose();
    }

    // SQLite: a lone document is one prepared row insert; a request of many documents (they share department, validity
    // and acceptance time) is one statement that inserts them all from one blob of concatenated digests, not one per
    // row. The register's lines of labelled documents follow at Flush from the rows the group's inserts made: rowids are
    // consecutive within one transaction of the one connection that writes, so the last rowid, read once, places every
    // request's rows, and a run of requests with the same labels is one statement. A document without labels has no line
    // (one digest per request, no labels: a busy API's usual group writes none).
    private sealed class SqliteDocumentRows : DocumentRows
    {
        // The group's requests in insert order: how many rows each made, and its labels.
        private readonly List<(int Count, Documents.IssuedLabels Labels)> _lines = [];
        private DbTransaction? _linesTransaction;

        private readonly InsertStatement _insertOne;
        private readonly InsertStatement _insertMany;
        private readonly DbCommand _lastRowId;
        private readonly DbCommand _insertIssued;
        private readonly DbParameter _issuedLast;
        private readonly DbParameter _issuedCount;
        private readonly DbParameter _issuedFileName;
        private readonly DbParameter _issuedReference;
        private readonly DbParameter _issuedKind;

        public SqliteDocumentRows(DbConnection connection)
        {
            _insertOne = new InsertStatement(connection,
                "INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES (@digests, @department, @validUntil, @acceptedAt)");
            _insertMany = new InsertStatement(connection, """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @count)
                INSERT INTO documents (digest, department, valid_until, accepted_at)
                SELECT substr(@digests, i * 32 + 1, 32), @department, @validUntil, @acceptedAt FROM n
                """);
            _lastRowId = connection.CreateCommand();
            _lastRowId.CommandText = "SELECT last_insert_rowid()";
            _insertIssued = connection.CreateCommand();
            _insertIssued.CommandText = """
                INSERT INTO issued_documents (document_id, file_name, reference, kind)
                SELECT id, @fileName, @reference, @kind FROM documents WHERE id > @last - @count AND id <= @last
                """;
            _issuedLast = _insertIssued.Parameters.Add("@last", DbType.Int64);
            _issuedCount = _insertIssued.Parameters.Add("@count", DbType.Int64);
            _issuedFileName = _insertIssued.Parameters.Add("@fileName", DbType.String);
            _issuedReference = _insertIssued.Parameters.Add("@reference", DbType.String);
            _issuedKind = _insertIssued.Parameters.Add("@kind", DbType.String);
            _insertIssued.Prepare();
        }

        public override void Insert(DbTransaction transaction, Reservation reservation, byte[] digests)
        {
            if (_linesTransaction != transaction)
            {
                // Queued for a group whose commit never came (it failed before Flush): not this group's.
                _lines.Clear();
                _linesTransaction = transaction;
            }

            (reservation.CreatedCount == 1 ? _insertOne : _insertMany).Execute(transaction, reservation, digests);
            _lines.Add((reservation.CreatedCount, reservation.Labels));
        }

        public override void Flush(DbTransaction transaction)
        {
            if (_linesTransaction != transaction || _lines.Count == 0)
            {
                _lines.Clear();
                return;
            }

            _lastRowId.Transaction = transaction;
            _insertIssued.Transaction = transaction;
            long last = (long)_lastRowId.ExecuteScalar()!;
            long end = last - _lines.Sum(l => (long)l.Count);
            for (int i = 0; i < _lines.Count;)
            {
                var labels = _lines[i].Labels;
                long count = 0;
                for (; i < _lines.Count && _lines[i].Labels == labels; i++)
                {
                    count += _lines[i].Count;
                }

                end += count;
                if (labels.IsNone)
                {
                    continue;
                }

                _issuedLast.Value = end;
                _issuedCount.Value = count;
                _issuedFileName.Value = (object?)labels.FileName ?? DBNull.Value;
                _issuedReference.Value = (object?)labels.Reference ?? DBNull.Value;
                _issuedKind.Value = (object?)labels.Kind ?? DBNull.Value;
                _insertIssued.ExecuteNonQuery();
            }

            _lines.Clear();
            _linesTransaction = null;
        }

        public override void Dispose()
        {
            _insertOne.Dispose();
            _insertMany.Dispose();
            _lastRowId.Dispose();
            _insertIssued.Dispose();
        }
    }

    // PostgreSQL: the group's statements go to the server in one batch (one round trip). A request of many labelled
    // documents is one statement that inserts them from its blob of digests, and their register lines from the ids the
    // insert returns. The many small requests of a busy node (one digest each) share one statement: it takes
    // per-request arrays (how many documents, department, validity, acceptance time, labels) and one blob of their digests,
    // and expands them server-side; when some carry labels, it takes each document's id from the table's sequence and
    // inserts documents and register lines from the same ids. Ids come from the database, so the lines are right where
    // other replicas insert at the same time. One statement per small request had the server parse and plan the same
    // statement 64 times a group. The large requests without labels (the bulk of a busy department's volume, and no id
    // needed back) go in one binary COPY after the batch: PostgreSQL then writes their rows a page at a time, where an
    // INSERT ... SELECT evaluated and logged them one by one. Every row carries this process's tag (OwnWrites), so the
    // replica sync skips it.
    private sealed class PostgresDocumentRows(DbConnection connection, long writer) : DocumentRows
    {
        // From this many documents a request has its own statement or goes in the COPY (its cost is spread over its rows).
        private const int OwnStatementFrom = 32;

        private const string LabelledRequestSql = """
            WITH inserted AS (
                INSERT INTO documents (digest, department, valid_until, accepted_at, writer)
                SELECT substr(@digests, (n.i * 32 + 1)::integer, 32), @department, @validUntil, @acceptedAt, @writer
                FROM generate_series(0, @count - 1) AS n(i) ORDER BY n.i
                RETURNING id)
            INSERT INTO issued_documents (document_id, file_name, reference, kind)
            SELECT id, @fileName, @reference, @kind FROM inserted
            """;

        // The small requests' documents, in request order: i counts the group's digests, q holds the request's values.
        private const string SmallRowsSql = """
            FROM requests q CROSS JOIN LATERAL generate_series(q.first, q.first + q.documents - 1) AS i
            """;

        private const string SmallRequestsSql = $"""
            WITH requests AS (
                SELECT r.*, sum(r.documents) OVER (ORDER BY r.n) - r.documents AS first
                FROM unnest(@counts, @departments, @validUntils, @acceptedAts)
                    WITH ORDINALITY AS r(documents, department, valid_until, accepted_at, n))
            INSERT INTO documents (digest, department, valid_until, accepted_at, writer)
            SELECT substr(@digests, (i * 32 + 1)::integer, 32), q.department, q.valid_until, q.accepted_at, @writer
            {SmallRowsSql} ORDER BY i
            """;

        private const string LabelledSmallRequestsSql = $"""
            WITH requests AS (
                SELECT r.*, sum(r.documents) OVER (ORDER BY r.n) - r.documents AS first
                FROM unnest(@counts, @departments, @validUntils, @acceptedAts, @fileNames, @references, @kinds)
                    WITH ORDINALITY AS r(documents, department, valid_until, accepted_at, file_name, reference, kind, n)),
            rows AS MATERIALIZED (
                SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id, substr(@digests, (i * 32 + 1)::integer, 32) AS digest,
                       q.department, q.valid_until, q.accepted_at, q.file_name, q.reference, q.kind
                {SmallRowsSql}),
            inserted AS (
                INSERT INTO documents (id, digest, department, valid_until, accepted_at, writer)
                SELECT id, digest, department, valid_until, accepted_at, @writer FROM rows)
            INSERT INTO issued_documents (document_id, file_name, reference, kind)
            SELECT id, file_name, reference, kind FROM rows
            WHERE file_name IS NOT NULL OR reference IS NOT NULL OR kind IS NOT NULL
            """;

        private const string CopySql = "COPY documents (digest, department, valid_until, accepted_at, writer) FROM STDIN (FORMAT BINARY)";
        private const short CopyFields = 5;

        // The rows go to the server this many bytes at a time.
        private const int CopyChunk = 64 * 1024;

        // Field count, the digest's length and bytes, four bigints with their lengths.
        private const int CopyRowSize = sizeof(short) + sizeof(int) + Digest.Size + (4 * (sizeof(int) + sizeof(long)));

        // "PGCOPY\n\xff\r\n\0", then no flags and no header extension.
        private static ReadOnlySpan<byte> CopyHeader => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

        // The small requests queued for the shared statement, and their digests in the same order.
        private readonly List<Reservation> _small = [];
        private readonly MemoryStream _digests = new();

        // The large requests without labels queued for the COPY, and their digests in the same order.
        private readonly List<Reservation> _copied = [];
        private readonly MemoryStream _copiedDigests = new();
        private DbBatch? _batch;

        public override void Insert(DbTransaction transaction, Reservation reservation, byte[] digests)
        {
            if (_batch is not null && _batch.Transaction != transaction)
            {
                // Queued for a group whose commit never came (it failed before Flush): not this group's.
                Clear();
            }

            _batch ??= connection.CreateBatch();
            _batch.Transaction = transaction;
            int count = reservation.CreatedCount;
            var labels = reservation.Labels;
            if (count >= OwnStatementFrom && labels.IsNone)
            {
                _copied.Add(reservation);
                _copiedDigests.Write(digests, 0, count * Digest.Size);
                return;
            }

            if (count >= OwnStatementFrom)
            {
                var command = _batch.CreateBatchCommand();
                command.CommandText = LabelledRequestSql;
                Add(command, "@digests", digests.AsSpan(0, count * Digest.Size).ToArray(), DbType.Binary);
                Add(command, "@department", (long)reservation.DepartmentId, DbType.Int64);
                Add(command, "@validUntil", (long)reservation.ValidUntil, DbType.Int64);
                Add(command, "@acceptedAt", reservation.AcceptedAtMs, DbType.Int64);
                Add(command, "@count", (long)count, DbType.Int64);
                Add(command, "@writer", writer, DbType.Int64);
                Add(command, "@fileName", (object?)labels.FileName ?? DBNull.Value, DbType.String);
                Add(command, "@reference", (object?)labels.Reference ?? DBNull.Value, DbType.String);
                Add(command, "@kind", (object?)labels.Kind ?? DBNull.Value, DbType.String);
                _batch.BatchCommands.Add(command);
                return;
            }

            _small.Add(reservation);
            _digests.Write(digests, 0, count * Digest.Size);
        }

        public override void Flush(DbTransaction transaction)
        {
            if (_batch is not { } batch || batch.Transaction != transaction)
            {
                Clear();
                return;
            }

            if (_small.Count > 0)
            {
                var command = batch.CreateBatchCommand();
                bool labelled = _small.Exists(r => !r.Labels.IsNone);
                command.CommandText = labelled ? LabelledSmallRequestsSql : SmallRequestsSql;
                Add(command, "@digests", _digests.ToArray());
                Add(command, "@counts", _small.Select(r => r.CreatedCount).ToArray());
                Add(command, "@departments", _small.Select(r => (long)r.DepartmentId).ToArray());
                Add(command, "@validUntils", _small.Select(r => (long)r.ValidUntil).ToArray());
                Add(command, "@acceptedAts", _small.Select(r => r.AcceptedAtMs).ToArray());
                Add(command, "@writer", writer, DbType.Int64);
                if (labelled)
                {
                    Add(command, "@fileNames", _small.Select(r => r.Labels.FileName).ToArray());
                    Add(command, "@references", _small.Select(r => r.Labels.Reference).ToArray());
                    Add(command, "@kinds", _small.Select(r => r.Labels.Kind).ToArray());
                }

                batch.BatchCommands.Add(command);
            }

            try
            {
                if (batch.BatchCommands.Count > 0)
                {
                    batch.ExecuteNonQuery();
                }

                Copy();
            }
            finally
            {
                Clear();
            }
        }

        // The rows in PostgreSQL's binary COPY format, written here rather than through Npgsql's typed importer: that wraps
        // every value in a parameter write, and a profile of a node on PostgreSQL taking requests of 1,000 digests had the
        // importer at 78% of the outbox writer's thread (a tenth of the machine). The format is a fixed header, then per row
        // its field count and each field as a length and big-endian bytes, then -1; a row here is 86 bytes.
        private void Copy()
        {
            if (_copied.Count == 0)
            {
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(CopyChunk);
            try
            {
                using var copy = ((NpgsqlConnection)connection).BeginRawBinaryCopy(CopySql);
                try
                {
                    WriteRows(copy, buffer);
                }
                catch (Exception) when (Abandon(copy))
                {
                    throw;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // Disposing a raw COPY completes it, with whatever rows it has: one cut short is cancelled instead (and the group's
        // transaction is rolled back). Cancelling fails too when the connection is gone, which the first error says.
        private static bool Abandon(NpgsqlRawCopyStream copy)
        {
            try
            {
                copy.Cancel();
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or ObjectDisposedException)
            {
            }

            return false;
        }

        private void WriteRows(Stream copy, byte[] buffer)
        {
            var digests = _copiedDigests.GetBuffer().AsSpan(0, (int)_copiedDigests.Length);
            CopyHeader.CopyTo(buffer);
            int at = CopyHeader.Length, offset = 0;
            foreach (var reservation in _copied)
            {
                for (int i = 0; i < reservation.CreatedCount; i++, offset += Digest.Size)
                {
                    if (at + CopyRowSize > buffer.Length)
                    {
                        copy.Write(buffer, 0, at);
                        at = 0;
                    }

                    var row = buffer.AsSpan(at, CopyRowSize);
                    BinaryPrimitives.WriteInt16BigEndian(row, CopyFields);
                    BinaryPrimitives.WriteInt32BigEndian(row[2..], Digest.Size);
                    digests.Slice(offset, Digest.Size).CopyTo(row[6..]);
                    var values = row[(6 + Digest.Size)..];
                    WriteBigint(values, (long)reservation.DepartmentId);
                    WriteBigint(values[12..], (long)reservation.ValidUntil);
                    WriteBigint(values[24..], reservation.AcceptedAtMs);
                    WriteBigint(values[36..], writer);
                    at += CopyRowSize;
                }
            }

            if (at + sizeof(short) > buffer.Length)
            {
                copy.Write(buffer, 0, at);
                at = 0;
            }

            BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(at), -1);
            copy.Write(buffer, 0, at + sizeof(short));
        }

        private static void WriteBigint(Span<byte> field, long value)
        {
            BinaryPrimitives.WriteInt32BigEndian(field, sizeof(long));
            BinaryPrimitives.WriteInt64BigEndian(field[4..], value);
        }

        public override void Dispose() => Clear();

        // Arrays take their types from their values (bigint[], integer[], text[]); the rest are given, so a null label is text.
        private static void Add(DbBatchCommand command, string name, object value, DbType? type = null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            if (type is { } given)
            {
                parameter.DbType = given;
            }

            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        private void Clear()
        {
            _batch?.Dispose();
            _batch = null;
            _small.Clear();
            _digests.SetLength(0);
            _copied.Clear();
            _copiedDigests.SetLength(0);
        }
    }

    // A prepared insert of one request's documents; parameters are bound by reference, not looked up by name.
    private sealed class InsertStatement : IDisposable
    {
        private readonly DbCommand _command;
        private readonly DbParameter _digests;
        private readonly DbParameter _department;
        private readonly DbParameter _validUntil;
        private readonly DbParameter _acceptedAt;
        private readonly DbParameter? _count;

        public InsertStatement(DbConnection connection, string sql)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _digests = _command.Parameters.Add("@digests", DbType.Binary);
            _department = _command.Parameters.Add("@department", DbType.Int64);
            _validUntil = _command.Parameters.Add("@validUntil", DbType.Int64);
            _acceptedAt = _command.Parameters.Add("@acceptedAt", DbType.Int64);
            _count = sql.Contains("@count", StringComparison.Ordinal) ? _command.Parameters.Add("@count", DbType.Int64) : null;
            _command.Prepare();
        }

        public void Execute(DbTransaction transaction, Reservation reservation, byte[] digests)
        {
            _command.Transaction = transaction;
            _digests.Value = digests;
            _department.Value = (long)reservation.DepartmentId;
            _validUntil.Value = (long)reservation.ValidUntil;
            _acceptedAt.Value = reservation.AcceptedAtMs;
            if (_count is not null)
            {
                _count.Value = (long)reservation.CreatedCount;
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
