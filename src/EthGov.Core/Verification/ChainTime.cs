namespace EthGov.Core.Verification;

/// <summary>
/// Converts between the chain's times (uint64 seconds since 1970, 0 meaning "none") and <see cref="DateTimeOffset"/>,
/// which ends with the year 9999. The contract accepts later values (an expiry set by any client), so a later one is
/// read as the last second of 9999: for every comparison EthGov makes, both mean "not before the end of time we can
/// write". The API, the CLI and the chain adapter all convert here.
/// </summary>
public static class ChainTime
{
    /// <summary>The latest time a reader shows: 9999-12-31T23:59:59Z.</summary>
    public static readonly DateTimeOffset Latest = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.MaxValue.ToUnixTimeSeconds());

    /// <summary><paramref name="seconds"/> since 1970 as a time, at most <see cref="Latest"/>.</summary>
    public static DateTimeOffset FromSeconds(ulong seconds)
        => seconds >= (ulong)Latest.ToUnixTimeSeconds() ? Latest : DateTimeOffset.FromUnixTimeSeconds((long)seconds);

    /// <summary><paramref name="seconds"/> since 1970 as a time (at most <see cref="Latest"/>), or null for 0, the chain's "none".</summary>
    public static DateTimeOffset? FromSecondsOrNone(ulong seconds) => seconds == 0 ? null : FromSeconds(seconds);

    /// <summary>
    /// <paramref name="time"/> as the chain's seconds since 1970, or 0 ("none") when absent. A time before 1970 must be
    /// refused before it gets here: as a uint64 it would wrap around to a time in the far future.
    /// </summary>
    public static ulong ToSeconds(DateTimeOffset? time) => time is { } t ? (ulong)t.ToUnixTimeSeconds() : 0;
}
