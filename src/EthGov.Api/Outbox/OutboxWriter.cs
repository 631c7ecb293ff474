using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

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
    private readonly ILogger<OutboxWriter> _logger;
    private readonly Channel<Write> _channel;
    private Task? _loop;

    /// <summary>Creates the writer; it starts with the host.</summary>
    public OutboxWriter(Database database, DocumentIndex index, PendingDocuments pending, IOptions<OutboxOptions> options, ILogger<OutboxWriter> logger)
    {
        _database = database;
        _index = index;
        _pending = pending;
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
            signal.TrySetException(new OutboxUnavailableException("the outbox is shutting down", ex));
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
        using var connection = _database.Open();

        // A lone document: one prepared row insert. A request of many documents (they share department, validity and
        // acceptance time): one statement inserts them all from one blob of concatenated digests, not one per row.
        using var insertOne = new InsertStatement(connection,
            "INSERT INTO documents (digest, department, valid_until, accepted_at) VALUES ($digests, $department, $validUntil, $acceptedAt)");
        using var insertMany = new InsertStatement(connection, """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
            INSERT INTO documents (digest, department, valid_until, accepted_at)
            SELECT substr($digests, i * 32 + 1, 32), $department, $validUntil, $acceptedAt FROM n
            """);

        // The department's register of what it issued, in the same transaction: the rows the insert above just made
        // (rowids are consecutive within one statement, and the last is read first: it moves while rows are inserted),
        // with what the request noted about them.
        using var lastRowId = connection.CreateCommand();
        lastRowId.CommandText = "SELECT last_insert_rowid()";
        using var insertIssued = connection.CreateCommand();
        insertIssued.CommandText = """
            INSERT INTO issued_documents (document_id, file_name, reference, kind)
            SELECT id, $fileName, $reference, $kind FROM documents WHERE id > $last - $count AND id <= $last
            """;
        var issuedLast = insertIssued.Parameters.Add("$last", SqliteType.Integer);
        var issuedCount = insertIssued.Parameters.Add("$count", SqliteType.Integer);
        var issuedFileName = insertIssued.Parameters.Add("$fileName", SqliteType.Text);
        var issuedReference = insertIssued.Parameters.Add("$reference", SqliteType.Text);
        var issuedKind = insertIssued.Parameters.Add("$kind", SqliteType.Text);
        insertIssued.Prepare();

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
            try
            {
                using var transaction = connection.BeginTransaction();
                foreach (var write in group)
                {
                    var reservation = write.Reservation;
                    var blob = BlobFor(reservation.CreatedCount);
                    _index.CopyDigests(reservation.Created, blob);
                    (reservation.CreatedCount == 1 ? insertOne : insertMany).Execute(transaction, reservation, blob);
                    lastRowId.Transaction = transaction;
                    insertIssued.Transaction = transaction;
                    issuedLast.Value = (long)lastRowId.ExecuteScalar()!;
                    issuedCount.Value = (long)reservation.CreatedCount;
                    issuedFileName.Value = (object?)reservation.Labels.FileName ?? DBNull.Value;
                    issuedReference.Value = (object?)reservation.Labels.Reference ?? DBNull.Value;
                    issuedKind.Value = (object?)reservation.Labels.Kind ?? DBNull.Value;
                    insertIssued.ExecuteNonQuery();
                }

                transaction.Commit();
                CommitMetrics.Record(CommitMetrics.OutboxWriter, started);
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                _logger.LogError(ex, "outbox commit of {Rows} rows failed", rows);
                foreach (var write in group)
                {
                    _index.Release(write.Reservation);
                    write.Done.TrySetException(new OutboxUnavailableException("the outbox could not store the request", ex));
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

    // A prepared insert of one request's documents; parameters are bound by reference, not looked up by name.
    private sealed class InsertStatement : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _digests;
        private readonly SqliteParameter _department;
        private readonly SqliteParameter _validUntil;
        private readonly SqliteParameter _acceptedAt;
        private readonly SqliteParameter? _count;

        public InsertStatement(SqliteConnection connection, string sql)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _digests = _command.Parameters.Add("$digests", SqliteType.Blob);
            _department = _command.Parameters.Add("$department", SqliteType.Integer);
            _validUntil = _command.Parameters.Add("$validUntil", SqliteType.Integer);
            _acceptedAt = _command.Parameters.Add("$acceptedAt", SqliteType.Integer);
            _count = sql.Contains("$count", StringComparison.Ordinal) ? _command.Parameters.Add("$count", SqliteType.Integer) : null;
            _command.Prepare();
        }

        public void Execute(SqliteTransaction transaction, Reservation reservation, byte[] digests)
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
