using EthGov.Application.Nodes;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Application.Verification;

/// <summary>
/// Verification by any node, of any department's document: <see cref="ChainVerifier"/> first, with what the asker gave
/// and what this node recorded; when the chain alone does not find the digest (a batch member anchored by another
/// node), the issuer's node is asked for the batch proof (<see cref="IssuerProofs"/>) and the chain is read again
/// through it. The verdict always comes from the chain; a node that cannot be reached makes it "unreachable", a node
/// that lies leaves it "unknown".
/// </summary>
public sealed class NetworkVerifier(IssuerProofs proofs, ProofCache cache)
{
    /// <summary>
    /// The verdict for <paramref name="query"/>; departments in <paramref name="hosted"/> are this node's own, whose
    /// documents it would have recorded itself, so their nodes are not asked.
    /// </summary>
    public async Task<ChainResult<VerificationReport>> VerifyAsync(
        DocumentOperations documents, VerificationQuery query, IReadOnlySet<uint> hosted, CancellationToken cancellationToken = default)
    {
        var given = query.Receipt is not null || query.Recorded is not null || query.Proof is not null;
        if (!given && cache.Find(query.Digest) is { } known && (query.DepartmentId is null || query.DepartmentId == known.DepartmentId))
        {
            var again = await ThroughProofAsync(documents, query, known);
            if (!again.IsSuccess || again.Value.Verdict.Outcome != VerdictOutcome.Unknown)
            {
                return again;
            }

            cache.Forget(query.Digest);
        }

        var report = await ChainVerifier.VerifyAsync(documents, query);
        if (given || !report.IsSuccess || report.Value.Verdict.Outcome != VerdictOutcome.Unknown || report.Value.Request is not { } request)
        {
            return report;
        }

        var found = await proofs.FindAsync(query.Digest, query.DepartmentId, hosted, cancellationToken);
        if (!found.IsSuccess)
        {
            return ChainResult<VerificationReport>.Fail(found.Error);
        }

        if (found.Value.Failure is { } failure)
        {
            // The chain was read already: only the words and the outcome change with what the nodes answered.
            var withLookup = request with { ProofLookup = failure };
            return ChainResult<VerificationReport>.Ok(report.Value with { Verdict = DocumentVerifier.Evaluate(withLookup, report.Value.Facts), Request = withLookup });
        }

        var through = await ThroughProofAsync(documents, query, found.Value);
        if (through.IsSuccess && through.Value.Verdict.Outcome != VerdictOutcome.Unknown)
        {
            cache.Keep(query.Digest, found.Value);
        }

        return through;
    }

    private static Task<ChainResult<VerificationReport>> ThroughProofAsync(DocumentOperations documents, VerificationQuery query, IssuerProof proof)
        => ChainVerifier.VerifyAsync(documents, query with
        {
            Proof = proof.Proof,
            DepartmentId = proof.DepartmentId,
            ProofIssuerSource = query.DepartmentId is null ? IssuerSource.NodeSearch : IssuerSource.Requested,
        });
}
