using System.Collections.Concurrent;

namespace EthGov.Api.Outbox;

/// <summary>Committed documents that no batch carries yet, handed from the outbox writer to the batcher.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited and released, so it holds no handle to dispose.")]
public sealed class PendingDocuments(Microsoft.Extensions.Options.IOptions<OutboxOptions> options)
{
    // Index records (see DocumentIndex), as the writer committed them: one array segment per request.
    private readonly ConcurrentQueue<ArraySegment<int>> _queue = new();
    private readonly SemaphoreSlim _full = new(0, 1);
    private int _count;

    /// <summary>How many documents wait for a batch.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds committed documents; wakes the batcher when a batch is full.</summary>
    public void Add(ArraySegment<int> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        _queue.Enqueue(records);
        if (Interlocked.Add(ref _count, records.Count) >= options.Value.BatchSize && _full.CurrentCount == 0)
        {
            try
            {
                _full.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke the batcher first.
            }
        }
    }

    /// <summary>Takes everything that waits.</summary>
    public List<int> TakeAll()
    {
        var taken = new List<int>(Count);
        while (_queue.TryDequeue(out var records))
        {
            taken.AddRange(records);
        }

        Interlocked.Add(ref _count, -taken.Count);
        return taken;
    }

    /// <summary>Waits until a batch is full or <paramref name="interval"/> passes.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
        => _full.WaitAsync(interval, cancellationToken);
}
