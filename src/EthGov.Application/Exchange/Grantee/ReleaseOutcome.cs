using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// What the grantee makes of a holder's answer: the opened content (still to be checked against the chain), a refusal
/// for good, or a reason to try again later. Exactly one of <see cref="Opened"/>, <see cref="Refusal"/> and
/// <see cref="RetryDetail"/> is set.
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

    /// <summary>Why the step is tried again later (a passing failure of the holder, the network or the chain).</summary>
    public string? RetryDetail { get; private init; }

    /// <summary>An opened release.</summary>
    public static ReleaseOutcome Open(OpenedRelease opened) => new() { Opened = opened };

    /// <summary>A refusal.</summary>
    public static ReleaseOutcome Refuse(string reason, string detail) => new() { Refusal = new ExchangeRefusal(reason, detail) };

    /// <summary>A passing failure.</summary>
    public static ReleaseOutcome Retry(string detail) => new() { RetryDetail = detail };
}
