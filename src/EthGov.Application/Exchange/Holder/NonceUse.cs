namespace EthGov.Application.Exchange.Holder;

/// <summary>What <see cref="NonceCache.TryUse"/> found.</summary>
public enum NonceUse
{
    /// <summary>Never seen while its signature could be valid: recorded now.</summary>
    Fresh,

    /// <summary>Seen before and its first signature may still be valid: a replay.</summary>
    Replayed,

    /// <summary>The cache holds as many live nonces as it may; the request is refused for now (retry later), never let through.</summary>
    Full,
}
