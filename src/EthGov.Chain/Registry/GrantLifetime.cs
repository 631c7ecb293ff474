using System.Globalization;

namespace EthGov.Chain.Registry;

/// <summary>
/// Every grant expires at most 366 days after it is made (the registry's <c>MAX_GRANT_LIFETIME</c>, else
/// <c>InvalidExpiry</c>). Checked before a grant is sent so the caller gets one clear sentence; the registry still has
/// the last word, by its own clock.
/// </summary>
public static class GrantLifetime
{
    /// <summary>The longest a grant may run, as the registry enforces it.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    /// <summary>Why <paramref name="expiresAt"/> cannot be a grant's expiry at <paramref name="now"/>, in English (for the CLI), or null when it can.</summary>
    public static string? Problem(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var text = expiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Check(expiresAt, now) switch
        {
            TimeLimitFault.Passed => $"expiresAt {text} has passed; a grant's expiry lies in the future",
            TimeLimitFault.TooFarAhead => $"expiresAt {text} is more than 366 days ahead; a grant runs at most 366 days and is made again when it is still needed",
            _ => null,
        };
    }

    /// <summary>Why <paramref name="expiresAt"/> cannot be a grant's expiry at <paramref name="now"/>, as a code, or null when it can.</summary>
    public static TimeLimitFault? Check(DateTimeOffset expiresAt, DateTimeOffset now)
        => expiresAt <= now ? TimeLimitFault.Passed : expiresAt > now + Max ? TimeLimitFault.TooFarAhead : null;
}
