using EthGov.Api.Auth;
using EthGov.Application.ApiKeys;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint, for keys with the <c>operator</c> scope only: the node's counts and latencies tell
/// an outsider how busy each department is and when its batches leave. No key is 401, a key without the scope 403
/// insufficient-scope. Absent (404) when <c>EthGov:Telemetry:Metrics</c> is false.
/// </summary>
public static class MetricsApi
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string Path = "/metrics";

    /// <summary>Maps /metrics when metrics are on.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics)
        {
            app.MapPrometheusScrapingEndpoint(Path).RequireScope(ApiKeyScopes.Operator);
        }

        return app;
    }
}
