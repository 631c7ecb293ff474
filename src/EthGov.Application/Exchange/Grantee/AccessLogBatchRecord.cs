using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// An access-log batch as stored before it is sent: its root and entries are written first, so a crash between sending
/// and confirming finds the same root again (and adopts it when the chain already holds it) instead of logging twice.
/// </summary>
/// <param name="Id">The batch's id on this node.</param>
/// <param name="Department">The grantee department that logs it.</param>
/// <param name="Root">The root sent to <c>logAccessBatch</c>.</param>
/// <param name="Entries">The entry hashes, in leaf order.</param>
/// <param name="Confirmed">Whether the chain confirmed it.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="NextAttemptAt">When it is sent again.</param>
public sealed record AccessLogBatchRecord(long Id, uint Department, Digest Root, IReadOnlyList<Digest> Entries, bool Confirmed, int Attempts, DateTimeOffset NextAttemptAt);
