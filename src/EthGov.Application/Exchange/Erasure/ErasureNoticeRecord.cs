using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Erasure;

/// <summary>One erasure notice of the holder's: a record whose content it erased, and a grantee department it had released it to.</summary>
/// <param name="Id">The notice's id on this node.</param>
/// <param name="RecordId">The record.</param>
/// <param name="Holder">The holder department (signs the notice).</param>
/// <param name="Grantee">The grantee department.</param>
/// <param name="ErasedAt">When the holder erased the content.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">How many times it was sent without an answer that ends it.</param>
/// <param name="NextAttemptAt">When it is sent again.</param>
/// <param name="Error">Why the last attempt failed, or null.</param>
/// <param name="AnsweredAt">When the grantee's node answered it for good, or null.</param>
/// <param name="GranteeErasedAt">When the grantee says it erased its copy, or null.</param>
public sealed record ErasureNoticeRecord(
    long Id,
    Digest RecordId,
    uint Holder,
    uint Grantee,
    DateTimeOffset ErasedAt,
    ErasureNoticeState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? Error,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? GranteeErasedAt);
