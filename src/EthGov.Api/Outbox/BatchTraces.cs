using System.Diagnostics;
using EthGov.Core.Telemetry;

namespace EthGov.Api.Outbox;

/// <summary>
/// The spans of batches, so that a trace leads from a request to the batch and the transaction that anchored its
/// documents: <c>batch.form</c> when a batch is formed, linked to the spans of the requests whose documents it holds,
/// and <c>batch.anchor</c> for each attempt to send it, a child of the formation with the same links. A batch is
/// remembered from its formation to its confirmation or refusal (at most <see cref="MaxRemembered"/> of them, so a long
/// chain outage cannot grow it without bound); one resumed after a restart is anchored under a span of its own.
/// Nothing is done while no listener traces EthGov.
/// </summary>
public sealed class BatchTraces
{
    /// <summary>Most request links on one span; exporters keep no more than 128 anyway.</summary>
    public const int MaxLinks = 128;

    /// <summary>Most batches whose formation is remembered while they wait for the chain.</summary>
    public const int MaxRemembered = 1024;

    private readonly Dictionary<long, (ActivityContext Formed, ActivityLink[] Links)> _batches = [];

    /// <summary>Whether anything listens to EthGov's spans: when not, no span is formed and no origin is collected.</summary>
    public static bool IsTracing => EthGovTelemetry.Source.HasListeners();

    /// <summary>
    /// The links to the requests that hold the documents at <paramref name="positions"/> (positions in what
    /// <see cref="PendingDocuments.TakeAll"/> answered, ascending), from its <paramref name="origins"/>; at most
    /// <see cref="MaxLinks"/>, one per request.
    /// </summary>
    public static ActivityLink[] LinksOf(ReadOnlySpan<int> positions, List<(int Start, int End, ActivityContext Origin)> origins)
    {
        var links = new List<ActivityLink>();
        var last = -1;
        foreach (var position in positions)
        {
            var run = RunOf(origins, position);
            if (run < 0 || run == last)
            {
                continue;
            }

            last = run;
            links.Add(new ActivityLink(origins[run].Origin));
            if (links.Count == MaxLinks)
            {
                break;
            }
        }

        return [.. links];
    }

    /// <summary>Records the formation of <paramref name="batch"/>, which began at <paramref name="startedAt"/>, linked by <paramref name="links"/>.</summary>
    public void Formed(BatchRecord batch, DateTimeOffset startedAt, ActivityLink[] links)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // A root of its own: the batcher's loop runs under no request.
        var ambient = Activity.Current;
        Activity.Current = null;
        try
        {
            using var span = EthGovTelemetry.Source.StartActivity("batch.form", ActivityKind.Internal, default(ActivityContext), links: links, startTime: startedAt);
            if (span is null)
            {
                return;
            }

            Describe(span, batch);
            span.SetTag("ethgov.batch.requests", links.Length);
            lock (_batches)
            {
                if (_batches.Count >= MaxRemembered)
                {
                    _batches.Remove(_batches.Keys.Min());
                }

                _batches[batch.Id] = (span.Context, links);
            }
        }
        finally
        {
            Activity.Current = ambient;
        }
    }

    /// <summary>
    /// Starts the span of one attempt to anchor <paramref name="batch"/>: a child of its formation when remembered, with
    /// its links; null when nothing listens.
    /// </summary>
    public Activity? StartAnchor(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!IsTracing)
        {
            return null;
        }

        (ActivityContext Formed, ActivityLink[] Links) known;
        lock (_batches)
        {
            _batches.TryGetValue(batch.Id, out known);
        }

        // Its parent is the formation, never whatever the sending task inherited.
        Activity.Current = null;
        var span = EthGovTelemetry.Source.StartActivity("batch.anchor", ActivityKind.Client, known.Formed, links: known.Links);
        if (span is null)
        {
            return null;
        }

        Describe(span, batch);
        span.SetTag("ethgov.batch.attempt", batch.Attempts + 1);
        return span;
    }

    /// <summary>Forgets <paramref name="batchId"/>, confirmed or refused.</summary>
    public void Forget(long batchId)
    {
        lock (_batches)
        {
            _batches.Remove(batchId);
        }
    }

    private static void Describe(Activity span, BatchRecord batch)
    {
        span.SetTag("ethgov.batch.id", batch.Id);
        span.SetTag("ethgov.batch.documents", batch.Members.Length);
        span.SetTag("ethgov.department.id", batch.DepartmentId);
    }

    // The run of origins that holds position, or -1: the last run starting at or before it, if it ends after it.
    private static int RunOf(List<(int Start, int End, ActivityContext Origin)> origins, int position)
    {
        int low = 0, high = origins.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (origins[middle].Start <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && position < origins[found].End ? found : -1;
    }
}
