using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Tests.Receipts;
using EthGov.Core.Tests.TestSupport;
using EthGov.Core.Verification;

namespace EthGov.Core.Tests.Verification;

public class DocumentVerifierTests
{
    private static readonly DateTimeOffset s_chainNow = TestReceipts.AnchoredAt.AddDays(30);

    [Fact]
    public void Evaluate_BatchReceiptAndMatchingFileOnValidDocument_EveryCheckPasses()
    {
        var receipt = TestReceipts.InBatch(seed: 400);
        var request = new VerificationRequest(receipt.Digest) { FileDigest = receipt.Digest, Receipt = receipt };

        var verdict = DocumentVerifier.Evaluate(request, FactsFor(receipt));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.All(verdict.Checks, c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
    }

    [Fact]
    public void Evaluate_AnyInput_ReportsEveryCheckInFixedOrder()
    {
        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(TestDigests.One(seed: 401)), UnknownFacts());

        Assert.Equal(CheckNames.All, verdict.Checks.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void Evaluate_DigestOnlyOnValidDocument_VerdictIsValidAndComparisonsSkipped()
    {
        var receipt = TestReceipts.Single(seed: 402);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), FactsFor(receipt));

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.DigestMatches].Outcome);
        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.ProofValid].Outcome);
        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.ReceiptMatchesChain].Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict[CheckNames.Anchored].Outcome);
    }

    [Fact]
    public void Evaluate_UnknownDigest_VerdictIsUnknownAndChainChecksSkipped()
    {
        var digest = TestDigests.One(seed: 403);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(digest) { FileDigest = digest }, UnknownFacts());

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.Anchored].Outcome);
        Assert.Contains("block 9000", verdict[CheckNames.Anchored].Detail, StringComparison.Ordinal);
        foreach (var name in new[] { CheckNames.IssuerKnown, CheckNames.IssuerStatus, CheckNames.NotRevoked, CheckNames.NotExpired, CheckNames.NotSuperseded })
        {
            Assert.Equal(CheckOutcome.Skipped, verdict[name].Outcome);
        }
    }

    [Fact]
    public void Evaluate_RevokedDocument_VerdictIsRevokedWithReason()
    {
        var receipt = TestReceipts.Single(seed: 404);
        var facts = FactsFor(receipt) with { Status = DocumentStatus.Revoked, RevocationReason = 7 };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(VerdictOutcome.Revoked, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.NotRevoked].Outcome);
        Assert.Contains("reason court-order (7)", verdict[CheckNames.NotRevoked].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RevokedWithAnUnlistedCode_SaysTheCodeIsUnlisted()
    {
        var receipt = TestReceipts.Single(seed: 460);
        var facts = FactsFor(receipt) with { Status = DocumentStatus.Revoked, RevocationReason = 42 };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Contains("reason unlisted code 42", verdict[CheckNames.NotRevoked].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExpiredDocument_VerdictIsExpiredWithDates()
    {
        var receipt = TestReceipts.Single(seed: 405) with { ValidUntil = TestReceipts.AnchoredAt.AddDays(10) };
        var facts = FactsFor(receipt) with { Status = DocumentStatus.Expired };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(VerdictOutcome.Expired, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.NotExpired].Outcome);
        Assert.Equal("expired at 2026-03-12T09:30:00Z (chain time 2026-04-01T09:30:00Z)", verdict[CheckNames.NotExpired].Detail);
    }

    [Fact]
    public void Evaluate_ExpiryNotReachedAtChainTime_NotExpiredPasses()
    {
        var receipt = TestReceipts.Single(seed: 406);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), FactsFor(receipt));

        Assert.Equal(CheckOutcome.Passed, verdict[CheckNames.NotExpired].Outcome);
        Assert.StartsWith("valid until 2031-03-02T09:30:00Z", verdict[CheckNames.NotExpired].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoValidUntil_NotExpiredPassesWithNoExpiry()
    {
        var receipt = TestReceipts.Single(seed: 407) with { ValidUntil = null };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), FactsFor(receipt));

        Assert.Equal(new VerificationCheck(CheckNames.NotExpired, CheckOutcome.Passed, [CheckPhrases.Of("expiry.none")]), verdict[CheckNames.NotExpired]);
    }

    [Fact]
    public void Evaluate_SupersededDocument_VerdictIsSupersededWithSuccessor()
    {
        var receipt = TestReceipts.Single(seed: 408);
        var successor = TestDigests.One(seed: 409);
        var facts = FactsFor(receipt) with { Status = DocumentStatus.Superseded, Successor = successor };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), facts);

        Assert.Equal(VerdictOutcome.Superseded, verdict.Outcome);
        Assert.Equal($"superseded by {successor}", verdict[CheckNames.NotSuperseded].Detail);
    }

    [Fact]
    public void Evaluate_RevokedSupersededAndExpired_RevokedTakesPrecedenceAndAllThreeFail()
    {
        var receipt = TestReceipts.Single(seed: 410) with { ValidUntil = TestReceipts.AnchoredAt.AddDays(1) };
        var facts = FactsFor(receipt) with
        {
            Status = DocumentStatus.Revoked,
            RevocationReason = 2,
            Successor = TestDigests.One(seed: 411),
        };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), facts);

        Assert.Equal(VerdictOutcome.Revoked, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.NotRevoked].Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.NotSuperseded].Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.NotExpired].Outcome);
    }

    [Fact]
    public void Evaluate_SupersededAndExpired_SupersededTakesPrecedence()
    {
        var receipt = TestReceipts.Single(seed: 412) with { ValidUntil = TestReceipts.AnchoredAt.AddDays(1) };
        var facts = FactsFor(receipt) with { Status = DocumentStatus.Superseded, Successor = TestDigests.One(seed: 413) };

        Assert.Equal(VerdictOutcome.Superseded, DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), facts).Outcome);
    }

    [Fact]
    public void Evaluate_FileDiffersFromReceipt_VerdictIsMismatch()
    {
        var receipt = TestReceipts.Single(seed: 414);
        var otherFile = TestReceipts.Tamper(receipt.Digest);
        var request = new VerificationRequest(receipt.Digest) { FileDigest = otherFile, Receipt = receipt };

        var verdict = DocumentVerifier.Evaluate(request, FactsFor(receipt));

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.DigestMatches].Outcome);
        Assert.Contains(otherFile.ToString(), verdict[CheckNames.DigestMatches].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MismatchOnRevokedDocument_MismatchTakesPrecedence()
    {
        var receipt = TestReceipts.Single(seed: 415);
        var request = new VerificationRequest(receipt.Digest) { FileDigest = TestReceipts.Tamper(receipt.Digest), Receipt = receipt };

        var verdict = DocumentVerifier.Evaluate(request, FactsFor(receipt) with { Status = DocumentStatus.Revoked });

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
    }

    [Fact]
    public void Evaluate_ReceiptProofDoesNotLeadToRoot_VerdictIsMismatch()
    {
        var good = TestReceipts.InBatch(seed: 416);
        var proof = good.Batch!.Proof.ToArray();
        proof[0] = TestReceipts.Tamper(proof[0]);
        var receipt = good with { Batch = good.Batch with { Proof = proof } };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, FactsFor(receipt));

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.ProofValid].Outcome);
    }

    [Fact]
    public void Evaluate_SingleAnchorReceipt_ProofValidSkipped()
    {
        var receipt = TestReceipts.Single(seed: 417);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, FactsFor(receipt));

        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.ProofValid].Outcome);
        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public void Evaluate_ReceiptDepartmentAndBlockDifferFromChain_VerdictIsMismatchNamingBoth()
    {
        var receipt = TestReceipts.Single(seed: 418);
        var facts = FactsFor(receipt) with { DepartmentId = 4, AnchoredBlock = 1300 };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
        Assert.Equal(
            "department is 3 in the receipt but 4 on chain; block is 1234 in the receipt but 1300 on chain",
            verdict[CheckNames.ReceiptMatchesChain].Detail);
    }

    [Fact]
    public void Evaluate_ReceiptFromAnotherNetwork_VerdictIsMismatch()
    {
        var receipt = TestReceipts.Single(seed: 419);
        var facts = FactsFor(receipt) with { ChainId = 1, Registry = "0x0000000000000000000000000000000000000001" };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
        Assert.Contains("chain id is 31337 in the receipt but 1 on chain", verdict[CheckNames.ReceiptMatchesChain].Detail, StringComparison.Ordinal);
        Assert.Contains("registry is", verdict[CheckNames.ReceiptMatchesChain].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ReceiptRegistryDiffersOnlyInCaseAndTimeBySubSecond_ReceiptMatches()
    {
        var receipt = TestReceipts.Single(seed: 420) with { AnchoredAt = TestReceipts.AnchoredAt.AddMilliseconds(400) };
        var facts = FactsFor(receipt) with { AnchoredAt = TestReceipts.AnchoredAt, Registry = receipt.Registry.ToLowerInvariant() };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(CheckOutcome.Passed, verdict[CheckNames.ReceiptMatchesChain].Outcome);
    }

    [Fact]
    public void Evaluate_ReceiptDepartmentCodeDiffersFromChain_VerdictIsMismatch()
    {
        var receipt = TestReceipts.Single(seed: 421);
        var facts = FactsFor(receipt) with { DepartmentCode = "MOH" };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal("department code is MOT in the receipt but MOH on chain", verdict[CheckNames.ReceiptMatchesChain].Detail);
    }

    [Fact]
    public void Evaluate_ReceiptForUnknownDigest_VerdictIsUnknownAndReceiptComparisonSkipped()
    {
        var receipt = TestReceipts.InBatch(seed: 422);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, UnknownFacts());

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.ReceiptMatchesChain].Outcome);
        Assert.Contains(receipt.Batch!.Root.ToString(), verdict[CheckNames.Anchored].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SuspendedIssuer_IssuerStatusPassesWithNoteAndVerdictStaysValid()
    {
        var receipt = TestReceipts.Single(seed: 423);
        var facts = FactsFor(receipt) with { DepartmentStatus = DepartmentStatus.Suspended };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), facts);

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict[CheckNames.IssuerStatus].Outcome);
        Assert.StartsWith("note: the department is now suspended", verdict[CheckNames.IssuerStatus].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AnchoredByDepartmentNotInRegistry_VerdictIsUnknown()
    {
        var receipt = TestReceipts.Single(seed: 424);
        var facts = FactsFor(receipt) with { DepartmentStatus = DepartmentStatus.None };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), facts);

        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.IssuerKnown].Outcome);
        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.IssuerStatus].Outcome);
    }

    [Fact]
    public void Evaluate_KnownIssuer_DetailNamesDepartment()
    {
        var receipt = TestReceipts.Single(seed: 425);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), FactsFor(receipt));

        Assert.Equal("issued by department 3 (MOT, Ministry of Transport)", verdict[CheckNames.IssuerKnown].Detail);
    }

    [Fact]
    public void Evaluate_RequestDigestDiffersFromReceipt_VerdictIsMismatch()
    {
        var receipt = TestReceipts.Single(seed: 426);
        var request = new VerificationRequest(TestDigests.One(seed: 427)) { Receipt = receipt };

        var verdict = DocumentVerifier.Evaluate(request, FactsFor(receipt));

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
        Assert.Contains("the receipt names", verdict[CheckNames.DigestMatches].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ChainTimeFromSecondsOrNone_Zero_IsNone()
    {
        Assert.Null(ChainTime.FromSecondsOrNone(0));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), ChainTime.FromSecondsOrNone(1_700_000_000));
    }

    [Fact]
    public void Evaluate_AnchoredByAKeyReportedCompromisedBefore_IsKeyCompromisedAndSaysSinceWhen()
    {
        var receipt = TestReceipts.Single(seed: 420);
        var since = receipt.AnchoredAt.AddHours(-2);
        var facts = FactsFor(receipt) with { Status = DocumentStatus.KeyCompromised, KeyId = 3, KeyCompromisedSince = since };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(VerdictOutcome.KeyCompromised, verdict.Outcome);
        var check = verdict[CheckNames.KeyNotCompromised];
        Assert.Equal(CheckOutcome.Failed, check.Outcome);
        Assert.Contains("key 3", check.Detail, StringComparison.Ordinal);
        Assert.Contains($"since {since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KeyReportedCompromisedOnlyAfterTheAnchoring_StaysValidWithANote()
    {
        var receipt = TestReceipts.Single(seed: 421);
        var facts = FactsFor(receipt) with { KeyId = 2, KeyCompromisedSince = receipt.AnchoredAt.AddSeconds(1) };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, facts);

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict[CheckNames.KeyNotCompromised].Outcome);
        Assert.Contains("before it was reported compromised", verdict[CheckNames.KeyNotCompromised].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RevokedAndCompromised_IsRevoked_CompromisedAndSuperseded_IsKeyCompromised()
    {
        var receipt = TestReceipts.Single(seed: 422);
        var compromised = FactsFor(receipt) with { KeyCompromisedSince = receipt.AnchoredAt };

        var revoked = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), compromised with { Status = DocumentStatus.Revoked, RevocationReason = 2 });
        var superseded = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), compromised with { Status = DocumentStatus.KeyCompromised, Successor = TestDigests.One(seed: 423) });

        Assert.Equal(VerdictOutcome.Revoked, revoked.Outcome);
        Assert.Equal(CheckOutcome.Failed, revoked[CheckNames.KeyNotCompromised].Outcome);
        Assert.Equal(VerdictOutcome.KeyCompromised, superseded.Outcome);
        Assert.Equal(CheckOutcome.Failed, superseded[CheckNames.NotSuperseded].Outcome);
    }

    [Fact]
    public void Evaluate_IssuerFoundByAskingEveryDepartment_NamesEveryIssuer()
    {
        var receipt = TestReceipts.Single(seed: 424);
        var civil = FactsFor(receipt);
        var health = civil with { DepartmentId = 2, DepartmentCode = "HEALTH", DepartmentName = "Department of Health", Status = DocumentStatus.Revoked };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { IssuerSource = IssuerSource.Search, Issuers = [civil, health] }, civil);

        var check = verdict[CheckNames.IssuerNamed];
        Assert.Equal(CheckOutcome.Passed, check.Outcome);
        Assert.Contains($"({receipt.Issuer.Code}, {receipt.Issuer.Name}) anchored it: valid there", check.Detail, StringComparison.Ordinal);
        Assert.Contains("(HEALTH, Department of Health) anchored it: revoked there", check.Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }

    [Fact]
    public void Evaluate_NoDepartmentAnchoredIt_IssuerNamedIsSkippedAndTheVerdictUnknown()
    {
        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(TestDigests.One(seed: 425)) { IssuerSource = IssuerSource.Search }, UnknownFacts());

        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.IssuerNamed].Outcome);
        Assert.Contains("batch", verdict[CheckNames.IssuerNamed].Detail, StringComparison.Ordinal);
        Assert.Equal(VerdictOutcome.Unknown, verdict.Outcome);
    }

    [Fact]
    public void IssuerChoice_PrefersAValidAnchoringThenTheLowestDepartmentId()
    {
        var receipt = TestReceipts.Single(seed: 426);
        var revoked1 = FactsFor(receipt) with { DepartmentId = 1, Status = DocumentStatus.Revoked };
        var valid3 = FactsFor(receipt) with { DepartmentId = 3 };
        var expired2 = FactsFor(receipt) with { DepartmentId = 2, Status = DocumentStatus.Expired };

        Assert.Equal(3u, IssuerChoice.Choose([revoked1, valid3, expired2])!.DepartmentId);
        Assert.Equal(1u, IssuerChoice.Choose([expired2, revoked1])!.DepartmentId);
        Assert.Null(IssuerChoice.Choose([]));
    }

    [Fact]
    public void Evaluate_ReceiptWhoseTransactionTheChainConfirms_PassesTheTransactionCheck()
    {
        var receipt = TestReceipts.InBatch(seed: 430);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, FactsFor(receipt) with { Transaction = Confirmed(receipt) });

        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        Assert.Equal(CheckOutcome.Passed, verdict[CheckNames.TransactionMatches].Outcome);
    }

    [Theory]
    [InlineData("missing", "has no transaction")]
    [InlineData("block", "is in block")]
    [InlineData("block-hash", "has hash")]
    [InlineData("to", "was sent to")]
    [InlineData("reverted", "failed")]
    [InlineData("no-event", "did not anchor this document")]
    public void Evaluate_ReceiptWhoseTransactionTheChainContradicts_IsAMismatchSayingWhat(string difference, string expected)
    {
        var receipt = TestReceipts.Single(seed: 431);
        var good = Confirmed(receipt);
        var transaction = difference switch
        {
            "missing" => AnchoringTransaction.Missing(receipt.TransactionHash),
            "block" => good with { BlockNumber = good.BlockNumber + 1 },
            "block-hash" => good with { BlockHash = TestDigests.One(seed: 432) },
            "to" => good with { To = "0x000000000000000000000000000000000000dEaD" },
            "reverted" => good with { Succeeded = false },
            _ => good with { EmittedAnchoring = false },
        };

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest) { Receipt = receipt }, FactsFor(receipt) with { Transaction = transaction });

        Assert.Equal(VerdictOutcome.Mismatch, verdict.Outcome);
        Assert.Equal(CheckOutcome.Failed, verdict[CheckNames.TransactionMatches].Outcome);
        Assert.Contains(expected, verdict[CheckNames.TransactionMatches].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoReceiptAndNoRecordedTransaction_SkipsTheTransactionCheck()
    {
        var receipt = TestReceipts.Single(seed: 433);

        var verdict = DocumentVerifier.Evaluate(new VerificationRequest(receipt.Digest), FactsFor(receipt));

        Assert.Equal(CheckOutcome.Skipped, verdict[CheckNames.TransactionMatches].Outcome);
        Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
    }

    private static AnchoringTransaction Confirmed(Receipt receipt) => TestFacts.Confirmed(receipt);

    private static ChainFacts FactsFor(Receipt receipt) => TestFacts.For(receipt, s_chainNow);

    private static ChainFacts UnknownFacts() => TestFacts.Unknown(s_chainNow);
}
