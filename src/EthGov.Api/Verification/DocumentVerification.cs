using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Outbox;
using EthGov.Api.Receipts;
using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Verification;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Api.Verification;

/// <summary>
/// Verifies a document against the chain: facts are read live at one block (through the receipt's batch proof,
/// or the proof this API can recompute for documents it batched) and judged by EthGov.Core's
/// <see cref="DocumentVerifier"/>. The local outbox only supplies proofs, never the answer.
/// </summary>
public sealed class DocumentVerification(DepartmentDirectory departments, DocumentIndex index, BatchStore batches, ReceiptService receipts, ChainStatus chainStatus, Deployment deployment)
{
    /// <summary>
    /// The verdict for <paramref name="digest"/>, or the chain failure that prevented one. The issuer read is the
    /// receipt's; else <paramref name="departmentId"/> when the caller named one; else the department this API anchored
    /// the digest for; else every department is asked and the verdict names each that anchored it.
    /// </summary>
    public async Task<ChainResult<VerifyResponse>> VerifyAsync(Digest digest, Digest? fileDigest, Receipt? receipt, uint? departmentId = null)
    {
        if (chainStatus.ResetDetected is { } reset)
        {
            return ChainResult<VerifyResponse>.Fail(ChainStatus.ResetError(reset));
        }

        var documents = departments.Reader.Documents;
        var request = new VerificationRequest(digest) { FileDigest = fileDigest, Receipt = receipt };
        var ours = index.TryGet(digest, out var entry) && batches.Get(entry.BatchId) is { State: BatchState.Confirmed } confirmed ? confirmed : null;
        Digest? root = null;
        ChainResult<VerificationReport> report;
        if (receipt is not null)
        {
            root = receipt.Batch?.Root;
            report = await ChainVerifier.VerifyAsync(documents, request);
        }
        else if (ours is not null && (departmentId is null || departmentId == ours.DepartmentId))
        {
            // The proof of a document this API batched is recomputed from its outbox; the transaction it recorded is
            // checked against the chain like a receipt's before it is shown. A batch anchored in registry 1.x before a
            // migration is read there.
            root = ours.IsSingle ? null : ours.Root;
            var proof = root is null ? [] : receipts.ProofOf(ours, digest);
            var source = departmentId is null ? IssuerSource.Outbox : IssuerSource.Requested;
            request = request with { Transaction = new StatedTransaction(Digest.Parse(ours.TransactionHash!), ours.BlockNumber!.Value, Digest.Parse(ours.BlockHash!), ours.Registry ?? deployment.Registry) };
            report = ours.Registry is not null && documents.Legacy is { } legacy
                ? await ChainVerifier.VerifyLegacyAsync(legacy, request, root, proof, source)
                : await ChainVerifier.VerifyForAsync(documents, request, ours.DepartmentId, root, proof, source);
        }
        else if (departmentId is { } named)
        {
            report = await ChainVerifier.VerifyForAsync(documents, request, named, null, [], IssuerSource.Requested);
        }
        else
        {
            report = await ChainVerifier.VerifyAsync(documents, request);
        }

        if (!report.IsSuccess)
        {
            return ChainResult<VerifyResponse>.Fail(report.Error);
        }

        var (verdict, facts) = (report.Value.Verdict, report.Value.Facts);
        var read = new ChainReadAt(deployment.ChainId, deployment.Registry, facts.ReadAtBlock, facts.ReadAtTime);
        // Only a transaction the chain confirmed is shown as the anchoring one.
        var transaction = verdict[CheckNames.TransactionMatches].Outcome == CheckOutcome.Passed ? facts.Transaction?.Hash : null;
        var anchored = facts.Status != DocumentStatus.Unknown;
        return ChainResult<VerifyResponse>.Ok(new VerifyResponse(digest, verdict.Outcome, verdict.Checks, read, anchored ? facts.DepartmentCode : null, fileDigest, FactsOf(facts, root, transaction)));
    }

    private static DocumentFacts FactsOf(ChainFacts f, Digest? root, Digest? transaction)
    {
        var anchored = f.Status != DocumentStatus.Unknown;
        return new DocumentFacts(
            f.Status,
            anchored ? f.DepartmentId : null,
            anchored ? f.DepartmentName : null,
            anchored ? f.DepartmentStatus : null,
            f.AnchoredAt,
            anchored ? f.AnchoredBlock : null,
            f.ValidUntil,
            f.Status == DocumentStatus.Revoked ? f.RevocationReason : null,
            f.Successor.IsZero ? null : f.Successor,
            anchored ? root : null,
            anchored ? transaction : null)
        {
            KeyCompromisedSince = anchored ? f.KeyCompromisedSince : null,
        };
    }
}
