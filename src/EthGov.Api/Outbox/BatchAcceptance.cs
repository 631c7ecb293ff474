using System.Collections.Concurrent;

namespace EthGov.Api.Outbox;

/// <summary>
/// When the documents of the batches this replica formed were accepted, held from the forming of a batch to its
/// confirmation, for the accepted-to-anchored histogram. Documents of one request share their acceptance time, so a batch
/// keeps runs (a time and how many of its members in a row have it), and its confirmation records one sample per document
/// without looking each member up in the <see cref="DocumentIndex"/>: a lookup per member (a random access into an index
/// of millions) cost the API about 6% of its CPU under requests of 1,000 digests.
/// </summary>
internal sealed class BatchAcceptance
{
    // Batches waiting for the chain past this many (a long outage) are looked up member by member when confirmed.
    private const int MaxBatches = 10_000;

    private readonly ConcurrentDictionary<long, AcceptedRun[]> _runs = new();

    /// <summary>The runs of <paramref name="entries"/> at <paramref name="positions"/>, in that order.</summary>
    public static AcceptedRun[] RunsOf(ReadOnlySpan<DocumentEntry> entries, ReadOnlySpan<int> positions)
    {
        var runs = new List<AcceptedRun>();
        foreach (int position in positions)
        {
            var at = entries[position].AcceptedAt;
            if (runs.Count > 0 && runs[^1].At == at)
            {
                runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
            }
            else
            {
                runs.Add(new AcceptedRun(at, 1));
            }
        }

        return [.. runs];
    }

    /// <summary>Holds the runs of batch <paramref name="batchId"/> until it is confirmed or refused.</summary>
    public void Formed(long batchId, AcceptedRun[] runs)
    {
        if (_runs.Count < MaxBatches)
        {
            _runs[batchId] = runs;
        }
    }

    /// <summary>The runs of <paramref name="batchId"/>, if this replica formed it and still holds them; they are let go.</summary>
    public bool TryTake(long batchId, out AcceptedRun[] runs) => _runs.TryRemove(batchId, out runs!);

    /// <summary>Lets go of the runs of a batch that will not be confirmed.</summary>
    public void Forget(long batchId) => _runs.TryRemove(batchId, out _);
}

/// <summary><paramref name="Count"/> members in a row of a batch, accepted at <paramref name="At"/>.</summary>
internal readonly record struct AcceptedRun(DateTimeOffset At, int Count);
