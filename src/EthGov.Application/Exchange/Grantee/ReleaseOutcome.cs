using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// What the grantee makes of a holder's answer: the opened content (still to be checked against the chain), a refusal
/// for good, or a reason to try again later. Exactly one of <see cref="Opened"/>, <see cref="Refusal"/> and
/// <see cref="Retry"/> is set (<see cref="RetryDetail"/> with it).
/// </summary>
public sealed record ReleaseOutcome
{
    private ReleaseOutcome()
    {
    }

    /// <summary>The release, opened and checked against its record id (or each item of a kind query against its digest).</summary>
    public OpenedRelease? Opened { get; private init; }

    /// <summary>Why the exchange stops.</summary>
    public ExchangeRefusal? Refusal { get; private init; }

    /// <summary>Why the step is tried again later (a passing failure of the holder, the network or the chain), as a code to store.</summary>
    public ReleaseRetry? Retry { get; private init; }

    /// <summary>The same in an English sentence with the holder's words, for the log.</summary>
    public string? RetryDetail => Retry?.LogDetail;

    /// <summary>An opened release.</summary>
    public static ReleaseOutcome Open(OpenedRelease opened) => new() { Opened = opened };

    /// <summary>A refusal.</summary>
    public static ReleaseOutcome Refuse(string reason, string detail) => new() { Refusal = new ExchangeRefusal(reason, detail) };

    /// <summary>A passing failure.</summary>
    public static ReleaseOutcome Again(ReleaseRetry retry) => new() { Retry = retry };
}
