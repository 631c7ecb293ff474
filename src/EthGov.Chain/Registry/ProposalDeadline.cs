using System.Globalization;

namespace EthGov.Chain.Registry;

/// <summary>
/// A proposal's deadline must lie in (now, now + 30 days] (the registry's <c>InvalidDeadline</c>). Checked before a
/// proposal is sent, so a caller learns it in one sentence instead of from a reverted transaction; the registry still
/// has the last word, by its own clock.
/// </summary>
public static class ProposalDeadline
{
    /// <summary>The longest a proposal may stay open, as the registry enforces it.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    /// <summary>Why <paramref name="deadline"/> cannot be a proposal's deadline at <paramref name="now"/>, in English (for the CLI), or null when it can (or is absent).</summary>
    public static string? Problem(DateTimeOffset? deadline, DateTimeOffset now)
    {
        var text = deadline?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Check(deadline, now) switch
        {
            TimeLimitFault.Passed => $"the deadline {text} has passed; a proposal's deadline lies in the future",
            TimeLimitFault.TooFarAhead => $"the deadline {text} is more than 30 days ahead; a proposal stays open at most 30 days",
            _ => null,
        };
    }

    /// <summary>Why <paramref name="deadline"/> cannot be a proposal's deadline at <paramref name="now"/>, as a code, or null when it can (or is absent).</summary>
    public static TimeLimitFault? Check(DateTimeOffset? deadline, DateTimeOffset now)
        => deadline is not { } d ? null : d <= now ? TimeLimitFault.Passed : d > now + MaxLifetime ? TimeLimitFault.TooFarAhead : null;
}
