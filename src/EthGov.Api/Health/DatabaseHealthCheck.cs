using EthGov.Application.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EthGov.Api.Health;

/// <summary>
/// Ready when the store answers a query; reports the batches waiting for the chain as data
/// <c>batchesWaiting</c>.
/// </summary>
internal sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.Connect();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM batches WHERE state = 0";
            var unsettled = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return HealthCheckResult.Healthy(
                $"database usable, {unsettled} batch(es) waiting for the chain",
                data: new Dictionary<string, object> { ["batchesWaiting"] = unsettled });
        }
        catch (System.Data.Common.DbException ex)
        {
            return HealthCheckResult.Unhealthy($"database unusable: {StoreErrors.Code(ex)}");
        }
    }
}
