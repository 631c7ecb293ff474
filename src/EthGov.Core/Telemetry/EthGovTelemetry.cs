using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EthGov.Core.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> and the one <see cref="ActivitySource"/> of EthGov, both named <see cref="Name"/>. Each
/// instrument is created beside what it counts, from this meter; only the API host turns them into exports
/// (OpenTelemetry), so the layers below it depend on System.Diagnostics alone. With no listener an instrument costs a
/// check of a flag and a span is never created.
/// </summary>
public static class EthGovTelemetry
{
    /// <summary>The meter's and the activity source's name, which an exporter subscribes to.</summary>
    public const string Name = "EthGov";

    /// <summary>Bucket boundaries, in seconds, for latencies from a millisecond to five minutes.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>The meter every EthGov instrument belongs to.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>The source of EthGov's own spans (batches and their transactions).</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>A histogram of durations in seconds with <see cref="SecondsBuckets"/>.</summary>
    public static Histogram<double> SecondsHistogram(string name, string description)
        => Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    /// <summary>Seconds elapsed since <paramref name="startTimestamp"/>, a value of <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
