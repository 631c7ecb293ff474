namespace EthGov.Core.Verification;

/// <summary>
/// Reads the chain's times (uint64 seconds since 1970) into <see cref="DateTimeOffset"/>, which ends with the year 9999.
/// The contract accepts later values (an expiry set by any client), so a later one is read as the last second of 9999:
/// for every comparison EthGov makes, both mean "not before the end of time we can write".
/// </summary>
public static class ChainTime
{
    /// <summary>The latest time a reader shows: 9999-12-31T23:59:59Z.</summary>
    public static readonly DateTimeOffset Latest = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.MaxValue.ToUnixTimeSeconds());

    /// <summary><paramref name="seconds"/> since 1970 as a time, at most <see cref="Latest"/>.</summary>
    public static DateTimeOffset FromSeconds(ulong seconds)
        => seconds >= (ulong)Latest.ToUnixTimeSeconds() ? Latest : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
}
