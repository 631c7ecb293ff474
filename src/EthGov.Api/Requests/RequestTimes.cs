using EthGov.Api.Problems;
using EthGov.Application.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Requests;

/// <summary>
/// Times given by callers, checked before they become the chain's seconds since 1970 (a uint64): one before 1970 used
/// to wrap around to a time in the far future. One after 9999 cannot be written in a request at all (the JSON and
/// query readers refuse it with 400).
/// </summary>
public static class RequestTimes
{
    /// <summary>400 <c>time-out-of-range</c> when <paramref name="time"/> is before 1970; null otherwise.</summary>
    public static ProblemHttpResult? OutOfRange(string field, DateTimeOffset? time)
        => time is { } t && TimeChecks.IsBeforeChainTime(t)
            ? Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.TimeOutOfRange, "A time is out of range",
                RequestTexts.IsBefore19700101T0000.With(field, t))
            : null;
}
