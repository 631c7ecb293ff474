using System.Diagnostics;
using System.Diagnostics.Metrics;
using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Outbox;
using EthGov.Api.Receipts;
using EthGov.Api.Signers;
using EthGov.Application.Verification;
using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Revocations;
using EthGov.Core.Telemetry;
using EthGov.Core.Verification;

namespace EthGov.Api.Verification;

/// <summary>
/// Verifies a document against the chain: facts are read live at one block (through the receipt's batch proof,
/// or the proof this API can recompute for documents it batched) and judged by EthGov.Core's
/// <see cref="DocumentVerifier"/>. The local outbox only supplies proofs, never the answer.
/// </summary>
public sealed class DocumentVerification(
    DepartmentDirectory departments, DepartmentSigners signers, NetworkVerifier network, DocumentIndex index, BatchStore batches, ReceiptService receipts,
    ChainStatus chainStatus, Deployment deployment)
{
    private static readonly Histogram<double> s_duration = EthGovTelemetry.SecondsHistogram(
        "ethgov.verification.duration", "Time to verify one document against the chain, by verdict (outcome; unavailable when the chain could not be read)");

    // The verdicts' names as the API writes them, without a string made per answer.
    private static readonly Dictionary<VerdictOutcome, string> s_outcomes =
        Enum.GetValues<VerdictOutcome>().ToDictionary(o => o, o => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(o.ToString()));

    /// <summary>
    /// The verdict for <paramref name="digest"/>, or the chain failure that prevented one. The issuer read is the
    /// receipt's; else <paramref name="departmentId"/> when the caller named one; else the department this API anchored
    /// the digest for; else every department is asked and the verdict names each that anchored it.
    /// </summary>
    public async Task<ChainResult<VerifyResponse>> VerifyAsync(
        Digest digest, Digest? fileDigest, Receipt? receipt, uint? departmentId = null, StatedProof? proof = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await JudgeAsync(digest, fileDigest, receipt, departmentId, proof, cancellationToken);
        if (s_duration.Enabled)
        {
            s_duration.Record(EthGovTelemetry.SecondsSince(started), new KeyValuePair<string, object?>("outcome", OutcomeName(result)));
        }

        return result;
    }

    private async Task<ChainResult<VerifyResponse>> JudgeAsync(
        Digest digest, Digest? fileDigest, Receipt? receipt, uint? departmentId, StatedProof? proof, CancellationToken cancellationToken)
    {
        if (chainStatus.ResetDetected is { } reset)
        {
            return ChainResult<VerifyResponse>.Fail(ChainStatus.ResetError(reset));
        }

        var recorded = RecordedFor(digest);
        var query = new VerificationQuery(digest)
        {
            FileDigest = fileDigest,
            Receipt = receipt,
            DepartmentId = departmentId,
            Recorded = recorded,
            Proof = proof,
        };
        var hosted = await HostedAsync(cancellationToken);
        var report = await network.VerifyAsync(departments.Reader.Documents, query, hosted, cancellationToken);
        if (!report.IsSuccess)
        {
            return ChainResult<VerifyResponse>.Fail(report.Error);
        }

        var (verdict, facts) = (report.Value.Verdict, report.Value.Facts);
        var read = new ChainReadAt(deployment.ChainId, deployment.Registry, facts.ReadAtBlock, facts.ReadAtTime);
        // Only a transaction the chain confirmed is shown as the anchoring one.
        var transaction = verdict[CheckNames.TransactionMatches].Outcome == CheckOutcome.Passed ? facts.Transaction?.Hash : null;
        var anchored = facts.Status != DocumentStatus.Unknown;
        return ChainResult<VerifyResponse>.Ok(new VerifyResponse(digest, verdict.Outcome, verdict.Checks, read, anchored ? facts.DepartmentCode : null, fileDigest, FactsOf(facts, report.Value.BatchRoot, transaction)));
    }

    // The departments whose keys this node holds: it would have recorded their documents itself, so their nodes are not
    // asked for proofs (read from the cached department list).
    private async Task<IReadOnlySet<uint>> HostedAsync(CancellationToken cancellationToken)
    {
        var list = await departments.ListAsync(cancellationToken);
        return list.IsSuccess
            ? list.Value.Where(d => signers.For(d.Code) is not null).Select(d => d.Id).ToHashSet()
            : new HashSet<uint>();
    }

    // A document this API batched: its proof is recomputed from the outbox, and its transaction is the one recorded there
    // (in the registry 1.x for a batch anchored there before a migration).
    private RecordedAnchor? RecordedFor(Digest digest)
        => index.TryGet(digest, out var entry) && batches.Get(entry.BatchId) is { State: BatchState.Confirmed } ours
            ? new RecordedAnchor(
                ours.DepartmentId,
                ours.IsSingle ? null : ours.Root,
                () => receipts.ProofOf(ours, digest),
                new StatedTransaction(Digest.Parse(ours.TransactionHash!), ours.BlockNumber!.Value, Digest.Parse(ours.BlockHash!), ours.Registry ?? deployment.Registry),
                ours.Registry is not null)
            : null;

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
            RevocationReasonName = f.Status == DocumentStatus.Revoked ? RevocationReasons.Find(f.RevocationReason)?.Name : null,
        };
    }

    private static string OutcomeName(ChainResult<VerifyResponse> result)
        => result.IsSuccess && s_outcomes.TryGetValue(result.Value!.Outcome, out var name) ? name : "unavailable";
}
