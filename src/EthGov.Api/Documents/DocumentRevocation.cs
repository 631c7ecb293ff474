using EthGov.Api.Outbox;
using EthGov.Application.Documents;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// Revokes a document for its issuing department: finds where it is anchored (the outbox's batch, else on its own, in
/// this registry or, before a cut-over, in registry 1.x), stores the change, sends the revocation and waits for its
/// confirmation.
/// </summary>
public sealed class DocumentRevocation(IssuedDocuments documents, Deployment deployment)
{
    /// <summary>Revokes <paramref name="digest"/> with <paramref name="reason"/>, signed by <paramref name="signer"/> for <paramref name="department"/>.</summary>
    public async Task<DocumentChangeResult> RevokeAsync(DepartmentInfo department, RegistryClient signer, Digest digest, ushort reason, CancellationToken cancellationToken)
    {
        var (batch, refusal) = documents.Locate(digest, department);
        if (refusal is not null)
        {
            return DocumentChangeResult.Refused(refusal);
        }

        var (change, unrecorded) = documents.Record(batch, department.Id, digest, DocumentChangeKind.Revocation, reason, Digest.Zero, 0);
        if (unrecorded is not null)
        {
            return DocumentChangeResult.Refused(unrecorded);
        }

        // Not anchored through this API: on its own in this registry, or, before a cut-over, in registry 1.x.
        var place = batch is not null ? documents.PlaceOf(batch, digest)
            : deployment.Legacy is not null ? AnchorPlace.OnItsOwnHereOrInLegacy : AnchorPlace.OnItsOwn;
        var sent = await Revocation.SendAsync(signer.Documents, digest, place, reason, cancellationToken);
        documents.Settle(change, sent.IsSuccess);
        return sent.IsSuccess
            ? DocumentChangeResult.Made(sent.Value)
            : DocumentChangeResult.Refused(new DocumentChangeFailure.ChainRefused(sent.Error));
    }
}
