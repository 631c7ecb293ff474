using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EthGov.Core.Telemetry;

namespace EthGov.Application.Tests.TestSupport;

/// <summary>
/// The measurements of one EthGov instrument made in the calling test's flow, as <c>key=value</c> tags joined by
/// <c>,</c>, one entry per unit counted. Instruments are process-wide and other tests run at the same time: an
/// async-local mark set here travels with the test's awaits into the instrument's callback, and tells its measurements
/// from theirs.
/// </summary>
public sealed class Measurements : IDisposable
{
    private static readonly AsyncLocal<object?> s_mark = new();
    private readonly object _mark = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>Starts listening to <paramref name="instrument"/>, for the flow that calls this.</summary>
    public Measurements(string instrument)
    {
        s_mark.Value = _mark;
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == EthGovTelemetry.Name && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (!ReferenceEquals(s_mark.Value, _mark))
            {
                return;
            }

            var parts = new List<string>();
            foreach (var tag in tags)
            {
                parts.Add($"{tag.Key}={tag.Value}");
            }

            parts.Sort(StringComparer.Ordinal);
            for (long i = 0; i < value; i++)
            {
                _seen.Enqueue(string.Join(',', parts));
            }
        });
        _listener.Start();
    }

    /// <summary>What was counted, in order.</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
