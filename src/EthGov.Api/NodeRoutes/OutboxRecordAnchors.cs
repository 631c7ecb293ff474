using EthGov.Api.Outbox;
using EthGov.Api.Receipts;
using EthGov.Application.Documents;
using EthGov.Application.Exchange.Holder;
using EthGov.Core.Digests;

namespace EthGov.Api.NodeRoutes;

/// <summary>Where this node anchored a record: from its outbox (its batch and proof), as the verification route finds it.</summary>
public sealed class OutboxRecordAnchors(DocumentIndex index, BatchStore batches, ReceiptService receipts) : IRecordAnchors
{
    /// <inheritdoc />
    public AnchorPlace? Find(Digest digest)
        => index.TryGet(digest, out var entry) && batches.Get(entry.BatchId) is { State: BatchState.Confirmed, Registry: null } ours
            ? ours.IsSingle ? AnchorPlace.OnItsOwn : AnchorPlace.InBatch(ours.Root, receipts.ProofOf(ours, digest))
            : null;
}
