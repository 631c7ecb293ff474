namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// Where a grantee's exchange stands. It only moves forward: <see cref="Requested"/> → <see cref="Logged"/> →
/// <see cref="Released"/> → <see cref="Verified"/>, or to <see cref="Refused"/> from any state but <see cref="Verified"/>
/// (see <see cref="ExchangeTransitions"/>). The numbers are stored; never renumber them.
/// </summary>
public enum ExchangeState
{
    /// <summary>Written durably; its access entry waits for the next access-log batch.</summary>
    Requested = 0,

    /// <summary>Its access entry is in a batch root the chain confirmed; the request goes (or went) to the holder.</summary>
    Logged = 1,

    /// <summary>The holder answered a release; the content is being checked.</summary>
    Released = 2,

    /// <summary>The content opened, matched the record id, and the record's anchor was confirmed on chain.</summary>
    Verified = 3,

    /// <summary>Stopped for good, with a reason slug (the holder's refusal, or <c>tampered-content</c>).</summary>
    Refused = 4,
}
