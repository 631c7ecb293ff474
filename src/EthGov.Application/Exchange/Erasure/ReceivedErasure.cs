using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Erasure;

/// <summary>An erasure notice the grantee's node acted on: a holder erased a record, and this node erased its copies.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Holder">The holder department that sent it.</param>
/// <param name="Grantee">The grantee department whose copies were erased.</param>
/// <param name="HolderErasedAt">When the holder erased the record.</param>
/// <param name="ErasedAt">When this node first erased its copies.</param>
/// <param name="RequestIds">The request ids of the exchanges it reached.</param>
public sealed record ReceivedErasure(Digest RecordId, uint Holder, uint Grantee, DateTimeOffset HolderErasedAt, DateTimeOffset ErasedAt, IReadOnlyList<Digest> RequestIds);
