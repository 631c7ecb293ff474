using EthGov.Api.Outbox;
using EthGov.Application.Documents;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Api.Documents;

/// <summary>
/// Replaces a document by a newer one for its issuing department: holds the new digest in the outbox so that no anchor
/// request races the supersession for it, stores the change, sends the supersession (which anchors the new digest on
/// its own), then records the new digest as a confirmed one-document batch, so the batcher leaves it alone, and
/// commits its row.
/// </summary>
public sealed class DocumentSupersession(IssuedDocuments documents, DocumentIndex index, BatchStore batches, OutboxWriter writer, Deployment deployment)
{
    /// <summary>
    /// Supersedes <paramref name="oldDigest"/> by <paramref name="newDigest"/> (valid until <paramref name="validUntil"/>,
    /// or without expiry), signed by <paramref name="signer"/> for <paramref name="department"/>.
    /// </summary>
    public async Task<DocumentChangeResult> SupersedeAsync(
        DepartmentInfo department, RegistryClient signer, Digest oldDigest, Digest newDigest, DateTimeOffset? validUntil, AnchorPlace? stated,
        CancellationToken cancellationToken)
    {
        var (batch, refusal) = documents.Locate(oldDigest, department);
        if (refusal is not null)
        {
            return DocumentChangeResult.Refused(refusal);
        }

        var place = batch is not null ? documents.PlaceOf(batch, oldDigest) : stated;
        if (place is null)
        {
            var found = await documents.FindElsewhereAsync(signer, department.Id, oldDigest, false, cancellationToken);
            if (!found.IsSuccess)
            {
                return DocumentChangeResult.Refused(new DocumentChangeFailure.ChainRefused(found.Error));
            }

            place = found.Value;
        }

        if (!Supersession.IsPossible(place))
        {
            return DocumentChangeResult.Refused(new DocumentChangeFailure.LegacyDocument(oldDigest, batch?.Registry ?? deployment.Legacy?.Registry ?? "registry 1.x"));
        }

        var signal = OutboxWriter.NewCommitSignal();
        var chainValidUntil = ChainTime.ToSeconds(validUntil);
        var reservation = index.Reserve([newDigest], department.Id, chainValidUntil, DateTimeOffset.UtcNow, signal.Task);
        if (reservation.CreatedCount == 0)
        {
            signal.TrySetCanceled(CancellationToken.None);
            return DocumentChangeResult.Refused(new DocumentChangeFailure.SuccessorTaken(newDigest));
        }

        var (change, unrecorded) = documents.Record(batch, department.Id, oldDigest, DocumentChangeKind.Supersession, 0, newDigest, chainValidUntil);
        if (unrecorded is not null)
        {
            index.Release(reservation);
            signal.TrySetException(new OutboxUnavailableException(OutboxFailure.SupersessionNotRecorded));
            return DocumentChangeResult.Refused(unrecorded);
        }

        var sent = await Supersession.SendAsync(signer.Documents, oldDigest, place, newDigest, validUntil, cancellationToken);
        documents.Settle(change, sent.IsSuccess);
        if (!sent.IsSuccess)
        {
            index.Release(reservation);
            signal.TrySetException(new OutboxUnavailableException(OutboxFailure.SupersessionRefused));
            return DocumentChangeResult.Refused(new DocumentChangeFailure.ChainRefused(sent.Error));
        }

        var stored = batches.AddConfirmed(department.Id, chainValidUntil, newDigest, sent.Value, DateTimeOffset.UtcNow);
        index.AssignBatch(reservation.Created, stored.Id);
        try
        {
            await writer.CommitAsync(reservation, signal, CancellationToken.None);
        }
        catch (OutboxUnavailableException ex)
        {
            return DocumentChangeResult.Refused(new DocumentChangeFailure.OutboxUnavailable(ex.Failure));
        }

        return DocumentChangeResult.Made(sent.Value);
    }
}
