using EthGov.Application.Nodes;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Application.Verification;

/// <summary>
/// Verification by any node, of any department's document: <see cref="ChainVerifier"/> with what the asker gave and
/// what this node recorded; when the chain alone does not find the digest (a batch member anchored by another node),
/// the issuer's node is asked for the batch proof (<see cref="IssuerProofs"/>) and the chain is read through it. When
/// the asker names another department (a QR code, <c>?department=</c>), its node is asked first, so that a batch
/// member costs one read of the chain rather than two. The verdict always comes from the chain; a node that cannot be reached makes it "unreachable", a node
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

        // A named department that is not this node's own: its node is asked first, so that a batch member costs one
        // read of the chain, as a document this node anchored does; the chain is read for a single anchor only when
        // the node gives no usable proof.
        IssuerProof? asked = null;
        if (!given && query.DepartmentId is { } named && !hosted.Contains(named))
        {
            var first = await proofs.FindAsync(query.Digest, named, hosted, cancellationToken);
            if (!first.IsSuccess)
            {
                return ChainResult<VerificationReport>.Fail(first.Error);
            }

            asked = first.Value;
            if (asked.Proof is not null)
            {
                var found = await ThroughProofAsync(documents, query, asked);
                if (!found.IsSuccess || found.Value.Verdict.Outcome != VerdictOutcome.Unknown)
                {
                    KeepIfConfirmed(query, asked, found);
                    return found;
                }
            }
        }

        var report = await ChainVerifier.VerifyAsync(documents, query);
        if (given || !report.IsSuccess || report.Value.Verdict.Outcome != VerdictOutcome.Unknown || report.Value.Request is not { } request)
        {
            return report;
        }

        if (asked is null)
        {
            var lookup = await proofs.FindAsync(query.Digest, query.DepartmentId, hosted, cancellationToken);
            if (!lookup.IsSuccess)
            {
                return ChainResult<VerificationReport>.Fail(lookup.Error);
            }

            asked = lookup.Value;
            if (asked.Proof is not null)
            {
                var through = await ThroughProofAsync(documents, query, asked);
                KeepIfConfirmed(query, asked, through);
                return through;
            }
        }

        // The chain was read already: only the words and the outcome change with what the nodes answered.
        var withLookup = request with { ProofLookup = asked.Failure ?? new ProofLookupFailure(false, $"{asked.Proof!.From} gave a proof the chain does not confirm") };
        return ChainResult<VerificationReport>.Ok(report.Value with { Verdict = DocumentVerifier.Evaluate(withLookup, report.Value.Facts), Request = withLookup });
    }

    private void KeepIfConfirmed(VerificationQuery query, IssuerProof proof, ChainResult<VerificationReport> result)
    {
        if (result.IsSuccess && result.Value.Verdict.Outcome != VerdictOutcome.Unknown)
        {
            cache.Keep(query.Digest, proof);
        }
    }

    private static Task<ChainResult<VerificationReport>> ThroughProofAsync(DocumentOperations documents, VerificationQuery query, IssuerProof proof)
        => ChainVerifier.VerifyAsync(documents, query with
        {
            Proof = proof.Proof,
            DepartmentId = proof.DepartmentId,
            ProofIssuerSource = query.DepartmentId is null ? IssuerSource.NodeSearch : IssuerSource.Requested,
        });
}
