namespace EthGov.Api.GrantRequests;

/// <summary>
/// Wakes the grant request worker when a message waits (a request asked, a decision taken). Without a wake-up it looks
/// every second, so a lost signal delays, never loses, a message.
/// </summary>
public sealed class GrantRequestSignal : IDisposable
{
    private readonly SemaphoreSlim _due = new(0, 1);

    /// <summary>A message waits.</summary>
    public void Due()
    {
        try
        {
            _due.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Waits until woken or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _due.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _due.Dispose();
}
