using System.Threading.Channels;
using EthGov.Api.Storage;
using EthGov.Core.Digests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Outbox;

/// <summary>
/// Group commit: requests put their documents on a channel; one writer with one long-lived connection and a
/// prepared insert drains many requests into one transaction, commits, then completes each request. A
/// request is answered only after the commit that holds its rows (design decision 9), and concurrent
/// requests share the cost of the fsync.
/// </summary>
public sealed class OutboxWriter : IHostedService, IDisposable
{
    // One transaction holds at most this many rows, so a burst of huge requests cannot starve the others.
    private const int MaxRowsPerCommit = 50_000;

    private readonly Database _database;
    private readonly DocumentIndex _index;
    private readonly PendingDocuments _pending;
    private readonly ILogger<OutboxWriter> _logger;
    private readonly Channel<Write> _channel;
    private Task? _loop;
    private long _lastId;

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
    /// A commit signal to give new entries before they are reserved in the <see cref="DocumentIndex"/>, so a
    /// concurrent request for the same digest waits for the same commit instead of answering before it.
    /// </summary>
    public static TaskCompletionSource NewCommitSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Commits reserved <paramref name="entries"/> whose <see cref="DocumentEntry.Committed"/> is
    /// <paramref name="signal"/>'s task; completes after the commit, throws <see cref="OutboxUnavailableException"/> when it failed.
    /// </summary>
    public async Task CommitAsync(DocumentEntry[] entries, TaskCompletionSource signal, CancellationToken cancellationToken)
    {
        if (entries.Length == 0)
        {
            signal.TrySetResult();
            return;
        }

        var write = new Write(entries, signal);
        try
        {
            await _channel.Writer.WriteAsync(write, cancellationToken);
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            _index.Release(entries);
            signal.TrySetException(new OutboxUnavailableException("the outbox is shutting down", ex));
        }

        await signal.Task;
    }

    /// <summary>Continues the row ids after what is already stored.</summary>
    internal void StartAfter(long lastId) => _lastId = lastId;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
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

    private void Run()
    {
        using var connection = _database.Open();

        // A lone document: one prepared row insert. The digest parameter reuses one array: SQLite copies a bound blob.
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO documents (id, digest, department, valid_until, accepted_at) VALUES ($id, $digest, $department, $validUntil, $acceptedAt)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var digestBytes = new byte[Digest.Size];
        var digest = insert.Parameters.Add("$digest", SqliteType.Blob);
        digest.Value = digestBytes;
        var department = insert.Parameters.Add("$department", SqliteType.Integer);
        var validUntil = insert.Parameters.Add("$validUntil", SqliteType.Integer);
        var acceptedAt = insert.Parameters.Add("$acceptedAt", SqliteType.Integer);
        insert.Prepare();

        // A request of many documents (they share department, validity and acceptance time, and get consecutive ids):
        // one statement inserts them all from one blob of concatenated digests, instead of one statement per row.
        using var insertMany = connection.CreateCommand();
        insertMany.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $count)
            INSERT INTO documents (id, digest, department, valid_until, accepted_at)
            SELECT $firstId + i, substr($digests, i * 32 + 1, 32), $department, $validUntil, $acceptedAt FROM n
            """;
        var manyCount = insertMany.Parameters.Add("$count", SqliteType.Integer);
        var manyFirstId = insertMany.Parameters.Add("$firstId", SqliteType.Integer);
        var manyDigests = insertMany.Parameters.Add("$digests", SqliteType.Blob);
        var manyDepartment = insertMany.Parameters.Add("$department", SqliteType.Integer);
        var manyValidUntil = insertMany.Parameters.Add("$validUntil", SqliteType.Integer);
        var manyAcceptedAt = insertMany.Parameters.Add("$acceptedAt", SqliteType.Integer);
        insertMany.Prepare();
        var blobs = new Dictionary<int, byte[]>();

        var reader = _channel.Reader;
        var group = new List<Write>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            int rows = 0;
            while (rows < MaxRowsPerCommit && reader.TryRead(out var write))
            {
                group.Add(write);
                rows += write.Entries.Length;
            }

            long firstId = _lastId;
            try
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                insertMany.Transaction = transaction;
                foreach (var write in group)
                {
                    var entries = write.Entries;
                    if (entries.Length == 1 || !SharesColumns(entries))
                    {
                        foreach (var entry in entries)
                        {
                            entry.Id = ++_lastId;
                            id.Value = entry.Id;
                            entry.Digest.CopyTo(digestBytes);
                            department.Value = (long)entry.DepartmentId;
                            validUntil.Value = (long)entry.ValidUntil;
                            acceptedAt.Value = entry.AcceptedAt.ToUnixTimeMilliseconds();
                            insert.ExecuteNonQuery();
                        }

                        continue;
                    }

                    // SQLite binds the whole array, so keep one array per size seen (requests of 1,000 reuse theirs).
                    if (!blobs.TryGetValue(entries.Length, out var blob))
                    {
                        if (blobs.Count >= 64)
                        {
                            blobs.Clear();
                        }

                        blob = new byte[entries.Length * Digest.Size];
                        blobs[entries.Length] = blob;
                    }

                    long first = _lastId + 1;
                    for (int i = 0; i < entries.Length; i++)
                    {
                        entries[i].Id = first + i;
                        entries[i].Digest.CopyTo(blob.AsSpan(i * Digest.Size, Digest.Size));
                    }

                    manyCount.Value = (long)entries.Length;
                    manyFirstId.Value = first;
                    manyDigests.Value = blob;
                    manyDepartment.Value = (long)entries[0].DepartmentId;
                    manyValidUntil.Value = (long)entries[0].ValidUntil;
                    manyAcceptedAt.Value = entries[0].AcceptedAt.ToUnixTimeMilliseconds();
                    insertMany.ExecuteNonQuery();
                    _lastId = first + entries.Length - 1;
                }

                transaction.Commit();
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                _lastId = firstId;
                _logger.LogError(ex, "outbox commit of {Rows} rows failed", rows);
                foreach (var write in group)
                {
                    _index.Release(write.Entries);
                    write.Done.TrySetException(new OutboxUnavailableException("the outbox could not store the request", ex));
                }

                continue;
            }

            foreach (var write in group)
            {
                _pending.Add(write.Entries);
                write.Done.TrySetResult();
            }
        }
    }

    private static bool SharesColumns(DocumentEntry[] entries)
    {
        var first = entries[0];
        foreach (var entry in entries)
        {
            if (entry.DepartmentId != first.DepartmentId || entry.ValidUntil != first.ValidUntil || entry.AcceptedAt != first.AcceptedAt)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Write(DocumentEntry[] Entries, TaskCompletionSource Done);
}
