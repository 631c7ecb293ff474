using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Outbox;
using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
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
    /// <summary>The verdict for <paramref name="digest"/>, or the chain failure that prevented one.</summary>
    public async Task<ChainResult<VerifyResponse>> VerifyAsync(Digest digest, Digest? fileDigest, Receipt? receipt)
    {
        if (chainStatus.ResetDetected is { } reset)
        {
            return ChainResult<VerifyResponse>.Fail(ChainStatus.ResetError(reset));
        }

        var documents = departments.Reader.Documents;
        ChainResult<ChainFacts> facts;
        var ours = index.TryGet(digest, out var entry) && batches.Get(entry.BatchId) is { State: BatchState.Confirmed } confirmed ? confirmed : null;
        Digest? root = null;
        if (receipt?.Batch is { } batch)
        {
            root = batch.Root;
            facts = await documents.CheckInBatchAsync(batch.Root, digest, batch.Proof);
        }
        else if (ours is { IsSingle: false })
        {
            root = ours.Root;
            facts = await documents.CheckInBatchAsync(ours.Root, digest, receipts.ProofOf(ours, digest));
        }
        else
        {
            facts = await documents.CheckAsync(digest);
        }

        if (!facts.IsSuccess)
        {
            return ChainResult<VerifyResponse>.Fail(facts.Error);
        }

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(digest) { FileDigest = fileDigest, Receipt = receipt }, facts.Value);
        var read = new ChainReadAt(deployment.ChainId, deployment.Registry, facts.Value.ReadAtBlock, facts.Value.ReadAtTime);
        var transaction = receipt?.Digest == digest ? receipt.TransactionHash
            : ours?.TransactionHash is { } hash ? Digest.Parse(hash) : (Digest?)null;
        return ChainResult<VerifyResponse>.Ok(new VerifyResponse(digest, verdict.Outcome, verdict.Checks, read, facts.Value.DepartmentCode, fileDigest, FactsOf(facts.Value, root, transaction)));
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
            anchored ? transaction : null);
    }
}
