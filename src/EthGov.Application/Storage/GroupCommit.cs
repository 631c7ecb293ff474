using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace EthGov.Application.Storage;

/// <summary>
/// Group commit for one database's writes: every write handed in while a commit runs waits for the next one, and all of
/// them share that transaction and its one sync to disk. With <c>synchronous=FULL</c> a commit costs a sync of the WAL
/// (milliseconds on a virtual disk, tens under load), so writes that each commit on their own are capped at a few hundred
/// a second on one connection; shared, hundreds take one sync. Each write is answered only after its commit, so what a
/// caller is told is on disk; a write that throws fails alone (SQLite undoes that statement, not the transaction), and a
/// commit that fails fails every write of it.
/// </summary>
public sealed class GroupCommit : IDisposable
{
    /// <summary>Most writes in one transaction, so that one commit's readers and writers do not wait long behind it.</summary>
    public const int MaxWritesPerCommit = 512;

    private readonly Func<SqliteConnection> _connection;
    private readonly bool _ownsConnections;
    private readonly Lock? _gate;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Writes through <paramref name="connection"/>: with <paramref name="ownsConnections"/> a new connection per commit,
    /// disposed after it; otherwise a connection shared with other users, each commit taken under <paramref name="gate"/>.
    /// </summary>
    public GroupCommit(Func<SqliteConnection> connection, bool ownsConnections, Lock? gate = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _ownsConnections = ownsConnections;
        _gate = gate;
        _ = Task.Factory.StartNew(WriteAllAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Runs <paramref name="write"/> in the next commit and answers its result once that commit is on disk.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new PendingWrite<T>(write);
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(pending), this);
        return pending.Done.Task;
    }

    /// <summary>Stops the writer once the writes already handed in are committed.</summary>
    public void Dispose() => _writes.Writer.TryComplete();

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxWritesPerCommit && _writes.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                if (_gate is { } gate)
                {
                    lock (gate)
                    {
                        Commit(batch);
                    }
                }
                else
                {
                    Commit(batch);
                }
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }

                continue;
            }

            foreach (var pending in batch)
            {
                pending.Complete();
            }
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var connection = _connection();
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var pending in batch)
            {
                pending.Run(connection, transaction);
            }

            transaction.Commit();
            CommitMetrics.Record(CommitMetrics.SharedWriter, started);
        }
        finally
        {
            if (_ownsConnections)
            {
                connection.Dispose();
            }
        }
    }

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> write) : PendingWrite
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            try
            {
                _result = write(connection, transaction);
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ArgumentException)
            {
                _error = ex;
            }
        }

        public override void Complete()
        {
            if (_error is { } error)
            {
                Done.TrySetException(error);
            }
            else
            {
                Done.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => Done.TrySetException(error);
    }
}
