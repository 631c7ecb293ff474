using EthGov.Application.Records;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Records;

/// <summary>
/// Erases, every <see cref="RecordsOptions.SweepInterval"/>, the content of records past their retention (their kind's
/// days, or a received record's own date), keeping their tombstones.
/// </summary>
public sealed class RecordSweeper(RecordStore store, IOptions<RecordsOptions> options, ILogger<RecordSweeper> logger) : BackgroundService
{
    private const int PerCommit = 1000;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                int erased;
                int total = 0;
                do
                {
                    erased = await store.EraseExpiredAsync(limit: PerCommit, cancellationToken: stoppingToken);
                    total += erased;
                }
                while (erased == PerCommit);

                if (total > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("erased the content of {Count} records past their retention", total);
                }
            }
            catch (System.Data.Common.DbException ex)
            {
                logger.LogError(ex, "the record sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
