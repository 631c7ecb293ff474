namespace EthGov.Application.Time;

/// <summary>
/// The checks a time given by a person (a request field, a command-line option) passes before it becomes the chain's
/// seconds since 1970, a uint64. The API and the CLI ask the same questions here and each words the refusal its own way
/// (a problem type, one line on the terminal). The registry still has the last word, by its own clock.
/// </summary>
public static class TimeChecks
{
    /// <summary>
    /// Whether <paramref name="time"/> lies before 1970, where the chain's time begins: as seconds since 1970 it would
    /// wrap around to a time in the far future.
    /// </summary>
    public static bool IsBeforeChainTime(DateTimeOffset time) => time < DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Whether <paramref name="time"/> comes before the chain's first second, 1970-01-01T00:00:01Z: for a value the
    /// registry reads as "never" when zero (when a key's compromise began), such a time cannot be stated.
    /// </summary>
    public static bool IsBeforeFirstChainSecond(DateTimeOffset time) => time.ToUnixTimeSeconds() < 1;

    /// <summary>
    /// Whether <paramref name="time"/> is not after <paramref name="now"/>: an end of validity or a deadline that has
    /// passed, which the registry would refuse.
    /// </summary>
    public static bool HasPassed(DateTimeOffset time, DateTimeOffset now) => time <= now;
}
