using System.Security.Cryptography;

namespace EthGov.Api.Replicas;

/// <summary>
/// How <see cref="ReplicaSync"/> tells the document rows this process committed from those of the other replicas: the
/// outbox writer stamps each row it inserts on PostgreSQL with <see cref="Tag"/>, chosen at random when the process
/// starts, and the sync reads only rows with another tag, since this process's memory holds its own already.
/// </summary>
/// <remarks>
/// A commit whose outcome the writer never learned (the connection dropped while it committed) gave its documents back
/// to memory, yet its rows may be in the database. The writer then reports it with the row id the sync had read up to
/// when that commit's group began (<see cref="ReadMark"/>): every id the group took is above it, since ids are handed out
/// in order. The sync goes back to that id and reads this process's rows too, up to the last id handed out by then.
/// </remarks>
public sealed class OwnWrites
{
    private readonly Lock _lock = new();
    private long _readMark;
    private long? _uncertainFrom;

    /// <summary>This process's stamp on the rows it inserts (never 0).</summary>
    public long Tag { get; } = ((long)RandomNumberGenerator.GetInt32(1, int.MaxValue) << 31) | (uint)RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>The row id the sync has read up to; the writer takes it when a group begins.</summary>
    public long ReadMark => Interlocked.Read(ref _readMark);

    /// <summary>The sync has read every row up to <paramref name="id"/>.</summary>
    public void NoteRead(long id) => Interlocked.Exchange(ref _readMark, id);

    /// <summary>A commit failed whose group began when the sync had read up to <paramref name="readMark"/>.</summary>
    public void MarkUncertain(long readMark)
    {
        lock (_lock)
        {
            _uncertainFrom = Math.Min(_uncertainFrom ?? long.MaxValue, readMark);
        }
    }

    /// <summary>The lowest read mark of the commits that failed since the last call, or null; clears it.</summary>
    public long? TakeUncertain()
    {
        lock (_lock)
        {
            var from = _uncertainFrom;
            _uncertainFrom = null;
            return from;
        }
    }
}
