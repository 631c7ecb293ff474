using System.Collections;
using System.Diagnostics;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>The spans an in-memory exporter hands over, from any thread; read with <see cref="Snapshot"/>.</summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <summary>The spans exported so far.</summary>
    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <inheritdoc />
    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.Add(item);
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    /// <inheritdoc />
    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    /// <inheritdoc />
    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    /// <inheritdoc />
    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    /// <inheritdoc />
    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
