using EthGov.Api.Outbox;
using EthGov.Application.Documents;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// Revokes a document for its issuing department: finds where it is anchored (the outbox's batch; else the place the
/// request states; else on its own, in this registry or, before a cut-over, in registry 1.x, or in the batch whose
/// proof the department's published node gives), stores the change, sends the revocation and waits for its confirmation.
/// </summary>
public sealed class DocumentRevocation(IssuedDocuments documents, Deployment deployment)
{
    /// <summary>
    /// Revokes <paramref name="digest"/> with <paramref name="reason"/>, signed by <paramref name="signer"/> for
    /// <paramref name="department"/>; <paramref name="stated"/> is where the request says it is anchored, if it says.
    /// </summary>
    public async Task<DocumentChangeResult> RevokeAsync(
        DepartmentInfo department, RegistryClient signer, Digest digest, ushort reason, AnchorPlace? stated, CancellationToken cancellationToken)
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

        var place = batch is not null ? documents.PlaceOf(batch, digest) : stated;
        if (place is null)
        {
            var found = await documents.FindElsewhereAsync(signer, department.Id, digest, deployment.Legacy is not null, cancellationToken);
            if (!found.IsSuccess)
            {
                return DocumentChangeResult.Refused(new DocumentChangeFailure.ChainRefused(found.Error));
            }

            place = found.Value;
        }

        var sent = await Revocation.SendAsync(signer.Documents, digest, place, reason, cancellationToken);
        documents.Settle(change, sent.IsSuccess);
        return sent.IsSuccess
            ? DocumentChangeResult.Made(sent.Value)
            : DocumentChangeResult.Refused(new DocumentChangeFailure.ChainRefused(sent.Error));
    }
}
