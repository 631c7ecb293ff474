using System.Data.Common;
using System.Threading.Channels;

namespace EthGov.Application.Storage;

/// <summary>
/// Group commit for one database's writes: every write handed in while a commit runs waits for the next one, and all of
/// them share that transaction and its one sync to disk. With <c>synchronous=FULL</c> a commit costs a sync of the WAL
/// (milliseconds on a virtual disk, tens under load), so writes that each commit on their own are capped at a few hundred
/// a second on one connection; shared, hundreds take one sync. Each write is answered only after its commit, so what a
/// caller is told is on disk; a write that throws fails alone (SQLite undoes that statement, not the transaction; on
/// PostgreSQL, where a failed statement spoils the transaction, each write runs under a savepoint), and a commit that fails
/// fails every write of it.
/// </summary>
public sealed class GroupCommit : IDisposable
{
    /// <summary>Most writes in one transaction, so that one commit's readers and writers do not wait long behind it.</summary>
    public const int MaxWritesPerCommit = 512;

    private readonly Func<DbConnection> _connection;
    private readonly StoreDialect _dialect;
    private readonly bool _ownsConnections;
    private readonly Lock? _gate;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Writes through <paramref name="connection"/>, a connection of <paramref name="dialect"/>'s store: with
    /// <paramref name="ownsConnections"/> a new connection per commit, disposed after it; otherwise a connection shared with
    /// other users, each commit taken under <paramref name="gate"/>.
    /// </summary>
    public GroupCommit(Func<DbConnection> connection, StoreDialect dialect, bool ownsConnections, Lock? gate = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        _connection = connection;
        _dialect = dialect;
        _ownsConnections = ownsConnections;
        _gate = gate;
        _ = Task.Factory.StartNew(WriteAllAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Runs <paramref name="write"/> in the next commit and answers its result once that commit is on disk.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> write)
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
            catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException)
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
            using var transaction = _dialect.BeginWrite(connection);
            var savepoints = _dialect.FailedStatementAbortsTransaction;
            foreach (var pending in batch)
            {
                if (savepoints)
                {
                    transaction.Save(Savepoint);
                }

                var failed = !pending.Run(connection, transaction);
                if (savepoints)
                {
                    if (failed)
                    {
                        transaction.Rollback(Savepoint);
                    }
                    else
                    {
                        transaction.Release(Savepoint);
                    }
                }
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

    private const string Savepoint = "group_write";

    private abstract class PendingWrite
    {
        // False when the write threw (it will fail alone).
        public abstract bool Run(DbConnection connection, DbTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, T> write) : PendingWrite
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool Run(DbConnection connection, DbTransaction transaction)
        {
            try
            {
                _result = write(connection, transaction);
                return true;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
            {
                _error = ex;
                return false;
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
