using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Grantee;

/// <summary>A release the grantee opened: its plaintext, and the records it holds (one, or a kind query's several).</summary>
/// <param name="Release">The holder's release as it came.</param>
/// <param name="Content">The plaintext (a record, or a kind query's JSON answer).</param>
/// <param name="Records">The records in it, each checked against its digest: the one record, or the kind query's items.</param>
public sealed record OpenedRelease(Release Release, byte[] Content, IReadOnlyList<ReleasedRecord> Records);
