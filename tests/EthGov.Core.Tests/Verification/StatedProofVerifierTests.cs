using EthGov.Core.Merkle;
using EthGov.Core.Tests.Receipts;
using EthGov.Core.Tests.TestSupport;
using EthGov.Core.Verification;

namespace EthGov.Core.Tests.Verification;

/// <summary>Verdicts for a batch member checked through a proof given without a receipt, and for failed proof lookups.</summary>
public class StatedProofVerifierTests
{
    [Fact]
    public void Evaluate_ProofFromIssuerNodeOnValidBatch_IsValidAndNamesTheNode()
    {
        var leaves = TestDigests.Random(8, seed: 1601);
        var tree = MerkleTree.Build(leaves);
        var proof = StatedProof.For(leaves[3], tree.GetProof(leaves[3]), ProofSource.IssuerNode, "the node of HEALTH at https://health.example/");
        var request = new VerificationRequest(leaves[3]) { Proof = proof, IssuerSource = IssuerSource.NodeSearch };

        var verdict = DocumentVerifier.Evaluate(request, AnchoredFacts());

        Assert.Equal(tree.Root, proof.Root);
        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Contains("the node of HEALTH at https://health.example/", verdict[CheckNames.ProofValid].Detail, StringComparison.Ordinal);
        Assert.Contains("asked every active department's node", verdict[CheckNames.IssuerNamed].Detail, StringComparison.Ordinal);
        Assert.Contains($"in batch {tree.Root}", verdict[CheckNames.Anchored].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProofThatLeadsToNoBatchOfTheIssuer_IsUnknownNotMismatch()
    {
        var digest = TestDigests.One(seed: 1602);
        var proof = StatedProof.For(digest, TestDigests.Random(3, seed: 1603), ProofSource.IssuerNode, "the node of HEALTH at https://health.example/");

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(digest) { Proof = proof }, UnknownFacts());

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
        Assert.Contains($"neither batch root {proof.Root}", verdict[CheckNames.Anchored].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_IssuerNodeUnreachable_IsUnreachableWithTheReason()
    {
        var digest = TestDigests.One(seed: 1604);
        var lookup = new ProofLookupFailure(Unreachable: true, "the node of HEALTH at https://health.example/: no answer within 3 s");

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(digest) { ProofLookup = lookup }, UnknownFacts());

        Assert.Equal(VerdictOutcome.Unreachable, verdict.Outcome);
        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.ProofValid].Outcome);
        Assert.Equal(lookup.Detail, verdict[CheckNames.ProofValid].Detail);
    }

    [Fact]
    public void Evaluate_EveryNodeAnsweredWithoutAProof_IsUnknown()
    {
        var digest = TestDigests.One(seed: 1605);
        var lookup = new ProofLookupFailure(Unreachable: false, "the node of HEALTH answered, but it is the receipt of another document: set aside");

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(digest) { ProofLookup = lookup }, UnknownFacts());

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
    }

    private static readonly DateTimeOffset s_chainNow = TestReceipts.AnchoredAt.AddDays(1);

    private static ChainFacts AnchoredFacts() => TestFacts.For(TestReceipts.Single(seed: 1606), s_chainNow) with { Transaction = null };

    private static ChainFacts UnknownFacts() => TestFacts.Unknown(s_chainNow);
}
