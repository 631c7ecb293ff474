namespace EthGov.Api.Replicas;

/// <summary>
/// The ids of the document rows this replica committed to the shared PostgreSQL database that <see cref="ReplicaSync"/> has
/// not read past yet. The outbox writer notes them after each commit; the sync leaves them out of its reads, since this
/// replica's memory has them already. A commit whose outcome the writer never learned (the connection dropped while it
/// committed) notes nothing: its rows, if they were committed, are read like another replica's and join memory that way.
/// </summary>
public sealed class OwnRows
{
    private readonly Lock _lock = new();
    private readonly List<long> _ids = [];

    /// <summary>Notes <paramref name="ids"/> as committed by this replica.</summary>
    public void Add(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            _ids.AddRange(ids);
        }
    }

    /// <summary>This replica's ids above <paramref name="after"/> up to <paramref name="upTo"/>, ascending.</summary>
    public long[] Between(long after, long upTo)
    {
        lock (_lock)
        {
            var between = _ids.Where(id => id > after && id <= upTo).ToArray();
            Array.Sort(between);
            return between;
        }
    }

    /// <summary>Forgets the ids up to <paramref name="upTo"/>: the sync has read past them.</summary>
    public void Forget(long upTo)
    {
        lock (_lock)
        {
            _ids.RemoveAll(id => id <= upTo);
        }
    }

    /// <summary>How many ids are noted.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ids.Count;
            }
        }
    }
}
