using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Exchange.Grantee;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Erasure;

/// <summary>
/// The grantee's node enforcing the grant's use and retention on what it obtained: every
/// <see cref="ErasureOptions.SweepInterval"/> it erases the copies of verified exchanges whose terms have ended (a store
/// grant past its retention days, a view-once grant once viewed, or never viewed for <see cref="ErasureOptions.UnviewedDays"/>),
/// with each record a kind query brought and the content of the evidence file, keeping only digests.
/// </summary>
public sealed class GranteeRetentionSweeper(
    ReceivedErasureStore erasures, ExchangeStore exchanges, GranteeErasure erasure, IOptions<ErasureOptions> options, ILogger<GranteeRetentionSweeper> logger)
    : BackgroundService
{
    private const int PerRound = 500;

    /// <summary>Erases the copies past their terms at <paramref name="now"/>; returns how many exchanges were erased.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        int erased = 0;
        int round;
        IReadOnlyList<long> due;
        do
        {
            round = 0;
            due = erasures.PastTheirTerms(now, now.AddDays(-options.Value.UnviewedDays), PerRound);
            foreach (var id in due)
            {
                if (exchanges.Get(id) is { } exchange && await erasure.EraseExchangeAsync(exchange, ReceivedErasureStore.ByGrantTerms, cancellationToken))
                {
                    round++;
                }
            }

            erased += round;
        }
        while (due.Count == PerRound && round > 0);

        return erased;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                var erased = await SweepAsync(DateTimeOffset.UtcNow, stoppingToken);
                if (erased > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("erased the copies of {Count} exchanges whose grant's use or retention ended", erased);
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
            {
                logger.LogError(ex, "the grantee's retention sweep failed; it runs again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
