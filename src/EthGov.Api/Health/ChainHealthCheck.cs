using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Health;

/// <summary>
/// Ready when the node answers with the deployment's chain id and genesis and the registry has code. Readiness is open
/// to anyone, so its answer never names the endpoint (whose URL may hold credentials); the indexer logs it.
/// </summary>
internal sealed class ChainHealthCheck(IOptions<ChainOptions> chain, Deployment deployment) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var mismatch = await ChainGuard.DescribeMismatchAsync(chain.Value, deployment);
            return mismatch is null ? HealthCheckResult.Healthy("chain reachable, registry in place") : HealthCheckResult.Unhealthy(mismatch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("chain unreachable");
        }
    }
}
