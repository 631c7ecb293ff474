using System.Collections.Concurrent;
using System.Collections.Frozen;
using EthGov.Core.Digests;

namespace EthGov.Application.ApiKeys;

/// <summary>
/// The API's view of its keys: every key that works, by the hash of its secret, in an immutable snapshot that a
/// request reads without a lock or a database access (one SHA-256 and one lookup). The snapshot is reloaded when the
/// key table's change counter moves: the API checks it every second (<see cref="RefreshAsync"/>), so revocations and
/// rotations made with the CLI while the API runs take effect within about a second. A secret not in the snapshot
/// (a key created a moment ago, or a wrong one) waits for one check of the counter that starts after it arrived;
/// such checks are at least <see cref="MissCheckSpacing"/> apart, so a flood of wrong keys costs the database a
/// few reads a second, not one per request.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited and released, so it holds no handle to dispose.")]
public sealed class ApiKeyStore(ApiKeyTable table)
{
    /// <summary>Every key starts with this, so a leaked key is easy to recognize in a scan.</summary>
    public const string Prefix = "egk_";

    /// <summary>The shortest time between two checks of the change counter caused by unknown secrets.</summary>
    public static readonly TimeSpan MissCheckSpacing = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<long, ApiKeyUsage> _usage = new();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Lock _missGate = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private Task? _pendingCheck;
    private long _lastMissCheck = long.MinValue / 2;

    /// <summary>
    /// The key <paramref name="secret"/> belongs to, or null when it is unknown or revoked. A key found is noted as
    /// used now (see <see cref="ApiKeyUsage"/>).
    /// </summary>
    public ValueTask<ApiKeyEntry?> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecret.TryHash(secret, out var hash))
        {
            return ValueTask.FromResult<ApiKeyEntry?>(null);
        }

        if (_snapshot.Keys.TryGetValue(hash, out var entry))
        {
            entry.Usage.Mark();
            return ValueTask.FromResult<ApiKeyEntry?>(entry);
        }

        return FindAfterCheckAsync(hash, cancellationToken);
    }

    /// <summary>Reloads the keys when the change counter moved since the last load; true when it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            if (await table.ReadVersionAsync(cancellationToken) == _snapshot.Version)
            {
                return false;
            }

            var (version, keys) = await table.ReadActiveAsync(cancellationToken);
            _snapshot = new Snapshot(version, keys.ToFrozenDictionary(
                k => k.Hash,
                k => new ApiKeyEntry(k.Id, k.Department, k.Scopes, _usage.GetOrAdd(k.Id, id => new ApiKeyUsage(id)))));
            return true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Writes the last-used time of every key used since the last write, in one transaction; returns how many keys.</summary>
    public async Task<int> WriteLastUsedAsync(CancellationToken cancellationToken = default)
    {
        var due = _usage.Values.Select(u => (Usage: u, At: u.LastUsed)).Where(u => u.At > u.Usage.Written).ToList();
        await table.WriteLastUsedAsync([.. due.Select(u => (u.Usage.KeyId, u.At))], cancellationToken);
        foreach (var (usage, at) in due)
        {
            usage.MarkWritten(at);
        }

        return due.Count;
    }

    private async ValueTask<ApiKeyEntry?> FindAfterCheckAsync(Digest hash, CancellationToken cancellationToken)
    {
        await CheckSoonAsync().WaitAsync(cancellationToken);
        if (_snapshot.Keys.TryGetValue(hash, out var entry))
        {
            entry.Usage.Mark();
            return entry;
        }

        return null;
    }

    // A check that has not started yet, shared by every miss until it starts: each miss is answered from a snapshot at
    // least as new as the database was when the miss arrived.
    private Task CheckSoonAsync()
    {
        lock (_missGate)
        {
            return _pendingCheck ??= CheckAsync();
        }
    }

    private async Task CheckAsync()
    {
        await Task.Yield();
        var wait = _lastMissCheck + (long)MissCheckSpacing.TotalMilliseconds - Environment.TickCount64;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait));
        }

        lock (_missGate)
        {
            _pendingCheck = null;
            _lastMissCheck = Environment.TickCount64;
        }

        await RefreshAsync();
    }

    private sealed record Snapshot(long Version, FrozenDictionary<Digest, ApiKeyEntry> Keys)
    {
        public static Snapshot Empty { get; } = new(-1, FrozenDictionary<Digest, ApiKeyEntry>.Empty);
    }
}
