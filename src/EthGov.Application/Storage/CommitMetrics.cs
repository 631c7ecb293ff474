using System.Diagnostics.Metrics;
using EthGov.Core.Telemetry;

namespace EthGov.Application.Storage;

/// <summary>
/// The database's health as its writers see it: how long each group commit takes, sync to disk included. A disk that
/// slows down or a lock held too long shows here before requests time out.
/// </summary>
public static class CommitMetrics
{
    /// <summary>The <c>writer</c> tag of the outbox's own group commit (document intake).</summary>
    public const string OutboxWriter = "outbox";

    /// <summary>The <c>writer</c> tag of <see cref="GroupCommit"/> (exchanges, records, journals).</summary>
    public const string SharedWriter = "shared";

    private static readonly Histogram<double> s_duration = EthGovTelemetry.SecondsHistogram(
        "ethgov.database.commit.duration", "Time of one group commit of the node's store, from its first write to the end of its sync to disk");

    /// <summary>Records a commit by <paramref name="writer"/> that began at <paramref name="startTimestamp"/> (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public static void Record(string writer, long startTimestamp)
    {
        if (s_duration.Enabled)
        {
            s_duration.Record(EthGovTelemetry.SecondsSince(startTimestamp), new KeyValuePair<string, object?>("writer", writer));
        }
    }
}
