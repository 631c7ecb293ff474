namespace EthGov.Api.Tests.Telemetry;

/// <summary>
/// EthGov's meter and activity source are process-wide, so a host's scrape counts what every host in this process
/// measures: the telemetry tests run alone, after the others, so that the counts they compare are only their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Telemetry";
}
