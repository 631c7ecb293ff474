using System.Globalization;
using EthGov.Application.Time;

namespace EthGov.Cli.Common;

/// <summary>
/// Times given on the command line become the chain's seconds since 1970 (a uint64). One that is not in the future
/// is refused here with one line: the chain would refuse a recent one, but one before 1970 would wrap around, as a
/// uint64, to a time in the far future that the chain accepts.
/// </summary>
public static class TimeOption
{
    /// <summary><paramref name="value"/> when absent or in the future; otherwise fails naming <paramref name="option"/>.</summary>
    public static DateTimeOffset? RequireFuture(DateTimeOffset? value, string option)
        => value is { } time && TimeChecks.HasPassed(time, DateTimeOffset.UtcNow)
            ? throw new CliException($"{option} must be in the future, got {time.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}")
            : value;
}
