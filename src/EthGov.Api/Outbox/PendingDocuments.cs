using System.Collections.Concurrent;
using System.Diagnostics;

namespace EthGov.Api.Outbox;

/// <summary>Committed documents that no batch carries yet, handed from the outbox writer to the batcher.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited and released, so it holds no handle to dispose.")]
public sealed class PendingDocuments(Microsoft.Extensions.Options.IOptions<OutboxOptions> options)
{
    // Index records (see DocumentIndex), as the writer committed them: one array segment per request, with the span of
    // that request (default when it was not traced, or the documents were loaded at start).
    private readonly ConcurrentQueue<(ArraySegment<int> Records, ActivityContext Origin)> _queue = new();
    private readonly SemaphoreSlim _full = new(0, 1);
    private int _count;

    /// <summary>How many documents wait for a batch.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds committed documents, accepted under the span <paramref name="origin"/>; wakes the batcher when a batch is full.</summary>
    public void Add(ArraySegment<int> records, ActivityContext origin = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        _queue.Enqueue((records, origin));
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

    /// <summary>
    /// Takes everything that waits. With <paramref name="origins"/>, adds to it where each traced request's documents
    /// start and end in the answer, with that request's span, in order.
    /// </summary>
    public List<int> TakeAll(List<(int Start, int End, ActivityContext Origin)>? origins = null)
    {
        var taken = new List<int>(Count);
        while (_queue.TryDequeue(out var next))
        {
            var start = taken.Count;
            taken.AddRange(next.Records);
            if (origins is not null && next.Origin != default)
            {
                origins.Add((start, taken.Count, next.Origin));
            }
        }

        Interlocked.Add(ref _count, -taken.Count);
        return taken;
    }

    /// <summary>Waits until a batch is full or <paramref name="interval"/> passes.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
        => _full.WaitAsync(interval, cancellationToken);
}
