using EthGov.Api.Indexing;
using EthGov.Core.Digests;

namespace EthGov.Api.Timeline;

/// <summary>What happened to one record the holder issued: the grants over it (or over its kind), the accesses logged one by one on chain, and the releases of the holder's journal.</summary>
/// <param name="Digest">The record.</param>
/// <param name="Department">The holder department.</param>
/// <param name="Kind">The record's kind, or null.</param>
/// <param name="Grants">Grants naming the record, then grants naming its kind, as the event index holds them.</param>
/// <param name="Accesses">Accesses logged with <c>logAccess</c> under those grants, as indexed (batched logs appear in the releases).</param>
/// <param name="Releases">The holder's releases of the record, oldest first.</param>
/// <param name="Origin">Whether this node's department issued the record (holder) or obtained it (grantee).</param>
/// <param name="ErasedAt">When this node erased the record's content, or null.</param>
/// <param name="Erasures">The erasure across nodes: on the holder, its notices to each grantee; on the grantee, the holder's notices it acted on.</param>
public sealed record RecordTimeline(
    Digest Digest,
    uint Department,
    string? Kind,
    IReadOnlyList<IndexedGrant> Grants,
    IReadOnlyList<IndexedEventRow> Accesses,
    IReadOnlyList<TimelineRelease> Releases,
    string Origin,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<TimelineErasure> Erasures);

/// <summary>The erasure of a record reaching one grantee's copy.</summary>
/// <param name="Holder">The holder department that erased the record.</param>
/// <param name="Grantee">The grantee department told to erase its copy.</param>
/// <param name="State"><c>pending</c> (the holder is still sending the notice), <c>erased</c> (the grantee erased its copy), or <c>nothing-held</c>.</param>
/// <param name="HolderErasedAt">When the holder erased the record.</param>
/// <param name="GranteeErasedAt">When the grantee erased its copy, once it did.</param>
/// <param name="RequestIds">On the grantee, the requests whose copies were erased.</param>
public sealed record TimelineErasure(
    uint Holder, uint Grantee, string State, DateTimeOffset HolderErasedAt, DateTimeOffset? GranteeErasedAt, IReadOnlyList<Digest> RequestIds);

/// <summary>One release of the holder's journal, without its content.</summary>
/// <param name="RequestId">The grantee's request.</param>
/// <param name="GrantId">The grant.</param>
/// <param name="Grantee">The grantee department.</param>
/// <param name="EntryHash">The access entry's hash, a leaf of the log batch.</param>
/// <param name="LogRoot">The access-log batch root on chain.</param>
/// <param name="LogBlock">Its block.</param>
/// <param name="ContentDigest">What was released.</param>
/// <param name="ReleasedAt">When.</param>
/// <param name="AcknowledgedAt">When the grantee acknowledged it, or null.</param>
public sealed record TimelineRelease(
    Digest RequestId, string GrantId, uint Grantee, Digest EntryHash, Digest LogRoot, ulong LogBlock, Digest ContentDigest, DateTimeOffset ReleasedAt, DateTimeOffset? AcknowledgedAt);
