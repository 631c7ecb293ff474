namespace EthGov.Api.Nodes;

/// <summary>
/// Sends what waits in a store for other departments' nodes, round after round: up to <see cref="PerRound"/> due items,
/// <see cref="Parallelism"/> at a time; an item whose sending throws is postponed (its store's pause grows with every
/// attempt) and tried again later, forever. A round that found less than its fill waits for new work or the next due
/// item; a store that cannot be read is tried again after a second.
/// </summary>
/// <typeparam name="T">One message waiting in the store.</typeparam>
public abstract class OutgoingMessageWorker<T>(ILogger logger) : BackgroundService
{
    /// <summary>The longest wait between two rounds.</summary>
    protected static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    /// <summary>Most items read per round.</summary>
    protected abstract int PerRound { get; }

    /// <summary>Most items sent at once.</summary>
    protected abstract int Parallelism { get; }

    /// <summary>What one item is, for the log ("erasure notice").</summary>
    protected abstract string ItemName { get; }

    /// <summary>Sends <paramref name="item"/> once and records the answer.</summary>
    public abstract Task SendAsync(T item, CancellationToken cancellationToken);

    /// <summary>Work of the store before each round (catching up, settling what a stopped node left).</summary>
    protected virtual Task BeforeRoundAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Up to <paramref name="max"/> items due at <paramref name="now"/>.</summary>
    protected abstract IReadOnlyList<T> Due(DateTimeOffset now, int max);

    /// <summary>Waits until new work may be due, at most <see cref="Idle"/>.</summary>
    protected abstract Task WaitForWorkAsync(CancellationToken cancellationToken);

    /// <summary>The item's id, for the log.</summary>
    protected abstract object IdOf(T item);

    /// <summary>Records a failed attempt of <paramref name="item"/> with <paramref name="detail"/>; it is tried again after a growing pause.</summary>
    protected abstract void Postpone(T item, string detail);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                await BeforeRoundAsync(now, stoppingToken);
                var due = Due(now, PerRound);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken }, async (item, token) =>
                {
                    try
                    {
                        await SendAsync(item, token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogError(ex, "{Item} {Id} could not be sent; it is sent again later", ItemName, IdOf(item));
                        Postpone(item, "the node failed to send the message");
                    }
                });

                if (due.Count < PerRound)
                {
                    await WaitForWorkAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (System.Data.Common.DbException ex)
            {
                logger.LogError(ex, "the {Item} worker failed a round; it retries", ItemName);
                await Task.Delay(Idle, stoppingToken);
            }
        }
    }
}
