using EthGov.Core.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EthGov.Api.Telemetry;

/// <summary>
/// Turns EthGov's meter and activity source (<see cref="EthGovTelemetry"/>) and ASP.NET Core's own into exports: a
/// Prometheus scrape endpoint, and OTLP when a collector is configured. The only place that knows OpenTelemetry.
/// </summary>
public static class TelemetrySetup
{
    // The meter of ASP.NET Core's http.server.request.duration.
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>Adds metrics (unless <c>EthGov:Telemetry:Metrics</c> is false) and traces (when configured).</summary>
    public static IServiceCollection AddEthGovTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.SectionName));
        if (!options.Metrics && !options.TracesOn)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ethgov-node").AddEnvironmentVariableDetector());
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                // ASP.NET Core's request durations (its hosting meter) and nothing else of its own: the routing, rate-limiting
                // and server meters that AddAspNetCoreInstrumentation adds record several instruments on every request.
                // Scrapes within a second of each other share one rendering, so a busy scraper cannot keep a core busy.
                metrics.AddMeter(EthGovTelemetry.Name, AspNetCoreHostingMeter)
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 1000);
                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(o => Point(o, endpoint, "v1/metrics"));
                }
            });
        }

        if (options.TracesOn)
        {
            telemetry.WithTracing(tracing =>
            {
                // Scrapes and probes come every few seconds and say nothing about the work: no spans for them.
                tracing.AddSource(EthGovTelemetry.Name).AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(MetricsApi.Path, StringComparison.Ordinal)
                    && !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal));
                if (options.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(o => Point(o, endpoint, "v1/traces"));
                }
            });
        }

        return services;
    }

    // OTLP over HTTP posts each signal to its own path under the collector's address; gRPC takes the address as it is.
    private static void Point(OtlpExporterOptions exporter, Uri endpoint, string signalPath)
        => exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
            : endpoint;
}
