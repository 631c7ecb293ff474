using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// The nonces of the signed node requests this holder accepted, each kept until its signature can no longer be valid
/// (its <c>expires</c> plus the allowed clock skew), so that a request captured on the way is refused when sent again.
/// </summary>
/// <remarks>
/// Memory is bounded by <see cref="Capacity"/>: since each signature lives at most 60 s (plus 30 s of skew), the cache
/// holds what arrived in the last 90 s, about 90,000 entries at 1,000 requests a second. When it is full of live
/// nonces it does not forget one (that would let its replay through): it answers <see cref="NonceUse.Full"/> and the
/// request is refused as retryable. Expired nonces are swept in expiry order as new ones arrive.
/// A nonce is scoped by the signer's keyid: two departments may pick the same nonce without refusing each other.
/// </remarks>
public sealed class NonceCache(int capacity = NonceCache.DefaultCapacity, TimeSpan? clockSkew = null)
{
    /// <summary>The default bound: about 200 s of traffic at 1,000 requests a second.</summary>
    public const int DefaultCapacity = 200_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string KeyId, string Nonce), long> _live = [];
    private readonly PriorityQueue<(string KeyId, string Nonce), long> _byExpiry = new();
    private readonly long _skewSeconds = (long)(clockSkew ?? NodeSignatureProfile.MaxClockSkew).TotalSeconds;

    /// <summary>Most live nonces kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    /// <summary>How many nonces are kept now (live, or expired and not yet swept).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>
    /// Records the nonce of a valid signature by <paramref name="keyId"/> that expires at <paramref name="expiresAt"/>
    /// (Unix seconds), unless it was seen before.
    /// </summary>
    public NonceUse TryUse(string keyId, string nonce, long expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(nonce);
        long nowSeconds = now.ToUnixTimeSeconds();
        long forgetAt = expiresAt + _skewSeconds;
        lock (_gate)
        {
            Sweep(nowSeconds);
            if (_live.TryGetValue((keyId, nonce), out var until) && until >= nowSeconds)
            {
                return NonceUse.Replayed;
            }

            if (_live.Count >= Capacity)
            {
                return NonceUse.Full;
            }

            _live[(keyId, nonce)] = forgetAt;
            _byExpiry.Enqueue((keyId, nonce), forgetAt);
            return NonceUse.Fresh;
        }
    }

    // Under the gate: forgets every nonce whose signature can no longer be valid.
    private void Sweep(long nowSeconds)
    {
        while (_byExpiry.TryPeek(out var key, out var forgetAt) && forgetAt < nowSeconds)
        {
            _byExpiry.Dequeue();
            if (_live.TryGetValue(key, out var current) && current == forgetAt)
            {
                _live.Remove(key);
            }
        }
    }
}
