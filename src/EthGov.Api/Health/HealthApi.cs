using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EthGov.Api.Health;

/// <summary>Liveness (the process answers) and readiness (chain and database usable).</summary>
public static class HealthApi
{
    /// <summary>Maps /health/live and /health/ready.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .WithSummary("The process is up").WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithSummary("The chain (reachable, expected chain id and genesis, registry code present) and the database are usable").WithTags("Health");
        return app;
    }
}
