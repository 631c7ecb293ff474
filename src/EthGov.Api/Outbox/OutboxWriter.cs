using System.Threading.Channels;
using EthGov.Api.Storage;
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
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO documents (id, digest, department, valid_until, accepted_at) VALUES ($id, $digest, $department, $validUntil, $acceptedAt)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var digest = insert.Parameters.Add("$digest", SqliteType.Blob);
        var department = insert.Parameters.Add("$department", SqliteType.Integer);
        var validUntil = insert.Parameters.Add("$validUntil", SqliteType.Integer);
        var acceptedAt = insert.Parameters.Add("$acceptedAt", SqliteType.Integer);
        insert.Prepare();

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
                foreach (var write in group)
                {
                    foreach (var entry in write.Entries)
                    {
                        entry.Id = ++_lastId;
                        id.Value = entry.Id;
                        digest.Value = entry.Digest.ToArray();
                        department.Value = (long)entry.DepartmentId;
                        validUntil.Value = (long)entry.ValidUntil;
                        acceptedAt.Value = entry.AcceptedAt.ToUnixTimeMilliseconds();
                        insert.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
            }
            catch (SqliteException ex)
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

    private sealed record Write(DocumentEntry[] Entries, TaskCompletionSource Done);
}
