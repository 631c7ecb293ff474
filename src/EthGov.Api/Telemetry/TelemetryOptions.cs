namespace EthGov.Api.Telemetry;

/// <summary>Metrics and traces (section <c>EthGov:Telemetry</c>); see docs/operations.md, "Metrics and traces".</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:Telemetry";

    /// <summary>Whether the node measures and serves <c>/metrics</c> (to keys with the operator scope). On by default.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// An OpenTelemetry collector (OTLP, gRPC unless <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> says <c>http/protobuf</c>): when
    /// set, traces are recorded and sent there, and so are the metrics. None by default: nothing leaves the node.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// Whether spans are recorded; by default only when <see cref="OtlpEndpoint"/> is set, since a span nobody exports
    /// costs every request for nothing. True records them for an exporter added in code (tests do).
    /// </summary>
    public bool? Traces { get; set; }

    /// <summary>Whether spans are recorded, <see cref="Traces"/> or its default.</summary>
    public bool TracesOn => Traces ?? OtlpEndpoint is not null;
}
