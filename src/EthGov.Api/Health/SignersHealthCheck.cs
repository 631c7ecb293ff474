using EthGov.Api.Signers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EthGov.Api.Health;

/// <summary>
/// Ready while every configured signer sends; not ready once one stopped because another process sends with its key
/// (see <see cref="EthGov.Chain.Transactions.SenderStop"/>): its work waits in the outbox until an operator stops the
/// other sender and restarts this node. Names the stopped signers' addresses, which the registry publishes anyway.
/// </summary>
internal sealed class SignersHealthCheck(DepartmentSigners signers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stopped = signers.Codes
            .Select(code => (Code: code, Stop: signers.For(code)!.Context.SenderStopped))
            .Where(s => s.Stop is not null)
            .OrderBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var count = signers.Codes.Count();
        var data = new Dictionary<string, object> { ["signers"] = count, ["stopped"] = stopped.Count };
        return Task.FromResult(stopped.Count == 0
            ? HealthCheckResult.Healthy($"{count} signer(s) sending", data: data)
            : HealthCheckResult.Unhealthy(
                string.Join("; ", stopped.Select(s => $"the signer of {s.Code} ({s.Stop!.Signer}) stopped sending at nonce {s.Stop.Nonce}: another process sends with its key")),
                data: data));
    }
}
