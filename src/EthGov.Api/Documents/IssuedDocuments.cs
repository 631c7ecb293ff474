using System.Data.Common;
using EthGov.Api.Outbox;
using EthGov.Api.Receipts;
using EthGov.Application.Documents;
using EthGov.Application.Nodes;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// What the outbox knows of a department's own documents when one of them is revoked or superseded: where it is
/// anchored, and the record of each change sent, kept for re-anchoring after a wiped chain (which must not bring a
/// revoked or superseded document back valid).
/// </summary>
public sealed class IssuedDocuments(DocumentIndex index, BatchStore batches, ReceiptService receipts, DocumentChanges changes, IssuerProofs proofs)
{
    /// <summary>
    /// The confirmed batch that holds <paramref name="digest"/>, null when this API did not anchor it (for example the
    /// CLI did: the chain decides), or why <paramref name="department"/> cannot change it.
    /// </summary>
    public (BatchRecord? Batch, DocumentChangeFailure? Failure) Locate(Digest digest, DepartmentInfo department)
    {
        if (!index.TryGet(digest, out var entry))
        {
            return (null, null);
        }

        if (entry.DepartmentId != department.Id)
        {
            // Registry 2.0 would look for the digest in the caller's own namespace and answer "not anchored": say why.
            return (null, new DocumentChangeFailure.NotIssuingDepartment(digest, entry.DepartmentId, department.Code));
        }

        return batches.Get(entry.BatchId) switch
        {
            { State: BatchState.Confirmed } batch => (batch, null),
            { State: BatchState.Failed } failed => (null, new DocumentChangeFailure.AnchorRefused(failed.Error)),
            _ => (null, new DocumentChangeFailure.NotYetAnchored(digest)),
        };
    }

    /// <summary>
    /// Where <paramref name="digest"/> sits in <paramref name="batch"/>: on its own, as a leaf with its recomputed proof,
    /// or in the registry 1.x the batch was anchored in before a migration.
    /// </summary>
    public AnchorPlace PlaceOf(BatchRecord batch, Digest digest)
        => batch.Registry is not null ? AnchorPlace.InLegacy(batch.IsSingle ? null : batch.Root, receipts.ProofOf(batch, digest))
            : batch.IsSingle ? AnchorPlace.OnItsOwn
            : AnchorPlace.InBatch(batch.Root, receipts.ProofOf(batch, digest));

    /// <summary>
    /// Where a document of <paramref name="departmentId"/> that this node did not anchor sits (another node of the
    /// department or the CLI anchored it, and the request stated no place): see <see cref="AnchorPlaceFinder"/>.
    /// </summary>
    public Task<EthGov.Chain.Abi.ChainResult<AnchorPlace>> FindElsewhereAsync(
        RegistryClient signer, uint departmentId, Digest digest, bool hasLegacyRegistry, CancellationToken cancellationToken)
        => AnchorPlaceFinder.FindAsync(signer.Documents, proofs, departmentId, digest, hasLegacyRegistry, cancellationToken);

    /// <summary>
    /// Stores a change about to be sent for a document of <paramref name="batch"/>; only documents of the outbox are
    /// anchored again on a new deployment, so nothing is stored without one. Fails when the database cannot store it:
    /// then the change must not be sent.
    /// </summary>
    public (long? Id, DocumentChangeFailure? Failure) Record(
        BatchRecord? batch, uint departmentId, Digest digest, DocumentChangeKind kind, ushort reason, Digest successor, ulong successorValidUntil)
    {
        if (batch is null)
        {
            return (null, null);
        }

        try
        {
            return (changes.Record(departmentId, digest, kind, reason, successor, successorValidUntil), null);
        }
        catch (DbException ex)
        {
            return (null, new DocumentChangeFailure.NotRecorded(kind, EthGov.Application.Storage.StoreErrors.Code(ex)));
        }
    }

    /// <summary>Settles a stored change once the chain answered (nothing when none was stored).</summary>
    public void Settle(long? id, bool applied)
    {
        if (id is not { } recorded)
        {
            return;
        }

        try
        {
            changes.Settle(recorded, applied);
        }
        catch (DbException)
        {
            // Left "sending": a re-anchoring replays it, which is what the department asked for.
        }
    }
}
