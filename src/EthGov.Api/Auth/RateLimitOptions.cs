namespace EthGov.Api.Auth;

/// <summary>Per-caller request budgets (section "EthGov:RateLimit"): a token bucket per API key, and one per client address for anonymous calls.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per second one API key may make on average.</summary>
    public int PermitsPerSecondPerKey { get; set; } = 100_000;

    /// <summary>Requests per second one anonymous client address may make on average.</summary>
    public int PermitsPerSecondAnonymous { get; set; } = 20_000;

    /// <summary>How many seconds of budget may be spent at once (the bucket size).</summary>
    public int BurstSeconds { get; set; } = 2;
}
