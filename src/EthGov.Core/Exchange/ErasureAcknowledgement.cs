using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The grantee's answer 200 to an <see cref="ErasureNotice"/>, signed by the grantee department's node key: its copies of
/// the record are erased. A repeated notice gets the same answer with the first erasure time.
/// </summary>
/// <param name="RecordId">The record.</param>
/// <param name="Holder">The holder department that sent the notice.</param>
/// <param name="Grantee">The grantee department that erased its copy.</param>
/// <param name="RequestIds">The request ids of the grantee's exchanges of the record from that holder.</param>
/// <param name="ErasedAt">When the grantee first erased its copy.</param>
public sealed record ErasureAcknowledgement(Digest RecordId, uint Holder, uint Grantee, IReadOnlyList<Digest> RequestIds, DateTimeOffset ErasedAt);
