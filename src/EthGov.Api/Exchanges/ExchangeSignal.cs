namespace EthGov.Api.Exchanges;

/// <summary>
/// Wakes the exchange workers early: the access-log worker when enough entries wait for a batch, the exchange worker
/// when a batch was confirmed. Without a wake-up each waits its interval, so a lost signal delays, never loses, work.
/// </summary>
public sealed class ExchangeSignal : IDisposable
{
    private readonly SemaphoreSlim _log = new(0, 1);
    private readonly SemaphoreSlim _exchanges = new(0, 1);
    private int _waiting;

    /// <summary>One more entry waits for a batch; wakes the log worker once <paramref name="batchSize"/> do.</summary>
    public void EntryWaiting(int batchSize)
    {
        if (Interlocked.Increment(ref _waiting) >= batchSize)
        {
            Release(_log);
        }
    }

    /// <summary>The log worker took the waiting entries.</summary>
    public void EntriesTaken() => Interlocked.Exchange(ref _waiting, 0);

    /// <summary>Exchanges are due (a batch was confirmed, a release verified).</summary>
    public void ExchangesDue() => Release(_exchanges);

    /// <summary>Waits until woken or <paramref name="timeout"/> passes.</summary>
    public Task WaitForLogAsync(TimeSpan timeout, CancellationToken cancellationToken) => _log.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits until woken or <paramref name="timeout"/> passes.</summary>
    public Task WaitForExchangesAsync(TimeSpan timeout, CancellationToken cancellationToken) => _exchanges.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _log.Dispose();
        _exchanges.Dispose();
    }

    private static void Release(SemaphoreSlim semaphore)
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }
}
