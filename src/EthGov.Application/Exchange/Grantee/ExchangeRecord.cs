using System.Numerics;
using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// One exchange as the grantee's node stores it: what was asked, of whom, under which grant, where its access entry was
/// logged, and how far it got. The request id is chosen once, at creation, and never changes, so every retry (after a
/// crash, a timeout, a holder outage) stands for the same access entry and the same on-chain log.
/// </summary>
/// <param name="Id">The exchange's id on this node.</param>
/// <param name="Department">The grantee department (the caller's).</param>
/// <param name="GrantId">The grant it rests on.</param>
/// <param name="RecordId">The record asked for, or for a kind query the kind's id.</param>
/// <param name="Holder">The holder department.</param>
/// <param name="RequestId">32 random bytes, fixed at creation.</param>
/// <param name="EntryHash">The access entry's hash: the leaf logged on chain.</param>
/// <param name="State">Where it stands.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="UpdatedAt">When its state or attempts last changed.</param>
public sealed record ExchangeRecord(
    long Id,
    uint Department,
    BigInteger GrantId,
    Digest RecordId,
    uint Holder,
    Digest RequestId,
    Digest EntryHash,
    ExchangeState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>For a kind query, the person identifier sealed to the holder (enc || ciphertext); null otherwise.</summary>
    public byte[]? SealedQuery { get; init; }

    /// <summary>For a kind query, SHA-256 of <see cref="SealedQuery"/>; null otherwise.</summary>
    public Digest? QueryDigest { get; init; }

    /// <summary>Whether the content may be kept (the grant's use is Store) or is served once and erased (ViewOnce).</summary>
    public bool Store { get; init; }

    /// <summary>The grant's retention, in days (0 for ViewOnce).</summary>
    public int RetentionDays { get; init; }

    /// <summary>Why the exchange was refused (a problem slug), when <see cref="State"/> is Refused.</summary>
    public string? Reason { get; init; }

    /// <summary>One sentence on the last failure or refusal (never personal data).</summary>
    public string? Detail { get; init; }

    /// <summary>How many times the current step was tried.</summary>
    public int Attempts { get; init; }

    /// <summary>When the worker tries the current step again.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The access-log batch the entry was put in, once it was.</summary>
    public long? LogBatch { get; init; }

    /// <summary>The batch root the chain confirmed, once logged.</summary>
    public Digest? LogRoot { get; init; }

    /// <summary>The entry's proof in <see cref="LogRoot"/>.</summary>
    public IReadOnlyList<Digest> LogProof { get; init; } = [];

    /// <summary>The transaction that logged the root.</summary>
    public string? LogTransaction { get; init; }

    /// <summary>The block that logged the root.</summary>
    public ulong? LogBlock { get; init; }

    /// <summary>SHA-256 of the content the holder released, once released.</summary>
    public Digest? ContentDigest { get; init; }

    /// <summary>The content's media type, once released.</summary>
    public string? MediaType { get; init; }

    /// <summary>Until when the content is kept (Store), once verified.</summary>
    public DateTimeOffset? RetainUntil { get; init; }

    /// <summary>When the content was served to staff (ViewOnce: the one time).</summary>
    public DateTimeOffset? ContentServedAt { get; init; }

    /// <summary>When the holder acknowledged the signed receipt.</summary>
    public DateTimeOffset? ReceiptSentAt { get; init; }

    /// <summary>Whether this is a kind query (a sealed person identifier) rather than a request for one record.</summary>
    public bool IsKindQuery => SealedQuery is not null;
}
