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
public sealed record RecordTimeline(
    Digest Digest, uint Department, string? Kind, IReadOnlyList<IndexedGrant> Grants, IReadOnlyList<IndexedEventRow> Accesses, IReadOnlyList<TimelineRelease> Releases);

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
