namespace EthGov.Application.ApiKeys;

/// <summary>
/// When one key was last admitted, kept in memory and written to the database by <see cref="ApiKeyStore.WriteLastUsedAsync"/>
/// at most once per write interval for all keys together: a request pays one comparison (and a store once a second),
/// never a database write. It outlives the key's <see cref="ApiKeyEntry"/>, which is replaced when keys are reloaded.
/// </summary>
public sealed class ApiKeyUsage(long keyId)
{
    private long _lastUsed;
    private long _written;

    /// <summary>The key's number.</summary>
    public long KeyId { get; } = keyId;

    /// <summary>When the key was last admitted by this process (unix seconds), or 0.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>The last time written to the database by this process (unix seconds), or 0.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Notes a use now. Writes memory only when the second changed, so busy keys do not fight over a cache line.</summary>
    public void Mark()
    {
        var now = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        if (Volatile.Read(ref _lastUsed) != now)
        {
            Volatile.Write(ref _lastUsed, now);
        }
    }

    /// <summary>Notes that <paramref name="unixSeconds"/> was written.</summary>
    public void MarkWritten(long unixSeconds) => Volatile.Write(ref _written, unixSeconds);
}
