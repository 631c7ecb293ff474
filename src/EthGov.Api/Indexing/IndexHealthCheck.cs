using EthGov.Api.ChainState;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EthGov.Api.Indexing;

/// <summary>
/// Not ready when the indexer found the chain reset or cannot read it; when ready, reports the last indexed block as
/// data <c>indexedBlock</c>.
/// </summary>
internal sealed class IndexHealthCheck(ChainStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(
            status.ResetDetected is { } reset ? HealthCheckResult.Unhealthy(reset)
            : status.LastError is { } error ? HealthCheckResult.Unhealthy(error)
            : HealthCheckResult.Healthy(
                $"indexed up to block {status.IndexedBlock}",
                data: new Dictionary<string, object> { ["indexedBlock"] = status.IndexedBlock }));
}
