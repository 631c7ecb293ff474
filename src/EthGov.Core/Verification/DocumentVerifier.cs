using System.Globalization;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Core.Revocations;

namespace EthGov.Core.Verification;

/// <summary>
/// Turns what was given (a digest, maybe a file digest and a receipt) and what the chain said into a
/// <see cref="Verdict"/>. Pure: the chain adapter reads the facts, this decides what they mean.
/// </summary>
/// <remarks>
/// The chain has the last word on status. Each check is judged from its own fact rather than from the
/// single status the contract reports, so a revoked document that has also expired shows both; the
/// overall outcome then follows the contract's precedence, Revoked &gt; KeyCompromised &gt; Superseded &gt;
/// Expired &gt; Valid.
/// A suspended issuer passes issuer-status with a note: suspension stops a department from acting,
/// and nothing it anchored before is invalidated by it (docs/decisions.md, decision 3); the registry never lets a
/// suspended department anchor, so every document it has on chain predates the suspension.
/// </remarks>
public static class DocumentVerifier
{
    /// <summary>Evaluates every check and the overall outcome.</summary>
    public static Verdict Evaluate(VerificationRequest request, ChainFacts facts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);

        bool anchored = facts.Status != DocumentStatus.Unknown;
        VerificationCheck[] checks =
        [
            DigestMatches(request),
            ProofValid(request),
            IssuerNamed(request, facts),
            Anchored(request, facts),
            IssuerKnown(facts, anchored),
            IssuerStatus(facts, anchored),
            KeyNotCompromised(facts, anchored),
            NotRevoked(facts, anchored),
            NotExpired(facts, anchored),
            NotSuperseded(facts, anchored),
            ReceiptMatchesChain(request.Receipt, facts, anchored),
            TransactionMatches(request, facts),
        ];

        return new Verdict(Decide(checks, request.ProofLookup), checks);
    }

    private static VerdictOutcome Decide(VerificationCheck[] checks, ProofLookupFailure? lookup)
    {
        bool Failed(string name) => checks.First(c => c.Name == name).Outcome == CheckOutcome.Failed;

        if (Failed(CheckNames.DigestMatches) || Failed(CheckNames.ProofValid) || Failed(CheckNames.ReceiptMatchesChain) || Failed(CheckNames.TransactionMatches))
        {
            return VerdictOutcome.Mismatch;
        }

        if (Failed(CheckNames.Anchored) || Failed(CheckNames.IssuerKnown))
        {
            return lookup is { Unreachable: true } ? VerdictOutcome.Unreachable : VerdictOutcome.Unknown;
        }

        if (Failed(CheckNames.NotRevoked))
        {
            return VerdictOutcome.Revoked;
        }

        if (Failed(CheckNames.KeyNotCompromised))
        {
            return VerdictOutcome.KeyCompromised;
        }

        if (Failed(CheckNames.NotSuperseded))
        {
            return VerdictOutcome.Superseded;
        }

        return Failed(CheckNames.NotExpired) ? VerdictOutcome.Expired : VerdictOutcome.Valid;
    }

    private static VerificationCheck DigestMatches(VerificationRequest request)
    {
        var problems = new List<CheckPhrase>();
        var agreements = new List<CheckPhrase>();
        if (request.FileDigest is { } file)
        {
            if (file == request.Digest)
            {
                agreements.Add(P("digest.file-matches", ("file", file)));
            }
            else
            {
                problems.Add(P("digest.file-differs", ("file", file), ("digest", request.Digest)));
            }
        }

        if (request.Receipt is { } receipt)
        {
            if (receipt.Digest == request.Digest)
            {
                agreements.Add(P("digest.receipt-matches"));
            }
            else
            {
                problems.Add(P("digest.receipt-differs", ("receiptDigest", receipt.Digest), ("digest", request.Digest)));
            }
        }

        if (problems.Count > 0)
        {
            return new VerificationCheck(CheckNames.DigestMatches, CheckOutcome.Failed, problems);
        }

        return agreements.Count == 0
            ? Check(CheckNames.DigestMatches, CheckOutcome.Skipped, P("digest.nothing-to-compare"))
            : new VerificationCheck(CheckNames.DigestMatches, CheckOutcome.Passed, agreements);
    }

    private static VerificationCheck ProofValid(VerificationRequest request)
    {
        if (request.Receipt is not { } receipt)
        {
            if (request.Proof is { } stated)
            {
                return Check(CheckNames.ProofValid, CheckOutcome.Passed, P("proof.stated", ("from", stated.From), ("root", stated.Root)));
            }

            return request.ProofLookup is { } lookup
                ? Check(CheckNames.ProofValid, CheckOutcome.Skipped, P("proof.lookup-failed", ("answers", lookup.Detail)))
                : Check(CheckNames.ProofValid, CheckOutcome.Skipped, P("proof.no-receipt"));
        }

        if (receipt.Batch is not { } batch)
        {
            return Check(CheckNames.ProofValid, CheckOutcome.Skipped, P("proof.not-batched"));
        }

        var computed = MerkleTree.ComputeRoot(receipt.Digest, batch.Proof.ToArray());
        return computed == batch.Root
            ? Check(CheckNames.ProofValid, CheckOutcome.Passed, P("proof.leads-to-root", ("root", batch.Root)))
            : Check(CheckNames.ProofValid, CheckOutcome.Failed, P("proof.leads-elsewhere", ("computed", computed), ("root", batch.Root)));
    }

    private static VerificationCheck IssuerNamed(VerificationRequest request, ChainFacts facts)
    {
        var asked = DescribeDepartment(facts);
        switch (request.IssuerSource)
        {
            case IssuerSource.Receipt:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, P("issuer.receipt-names", ("department", asked)));
            case IssuerSource.Requested:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, P("issuer.requested", ("department", asked)));
            case IssuerSource.Outbox:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, P("issuer.this-service", ("department", asked)));
            case IssuerSource.NodeSearch:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, P("issuer.node-search", ("from", request.Proof?.From ?? "-"), ("department", asked)));
        }

        var issuers = request.Issuers;
        if (issuers.Count == 0)
        {
            return Check(CheckNames.IssuerNamed, CheckOutcome.Skipped, P("issuer.none"));
        }

        if (issuers.Count == 1)
        {
            return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, facts.LegacyCutoverBlock is null
                ? P("issuer.only-one", ("department", asked))
                : P("issuer.only-legacy", ("department", asked)));
        }

        CheckPhrase[] phrases =
        [
            P("issuer.several", ("count", issuers.Count), ("department", asked)),
            .. issuers.Select(i => P($"issuer.listed-{StatusKey(i.Status)}", ("department", DescribeDepartment(i)))),
        ];
        return new VerificationCheck(CheckNames.IssuerNamed, CheckOutcome.Passed, phrases);
    }

    private static VerificationCheck Anchored(VerificationRequest request, ChainFacts facts)
    {
        if (facts.Status == DocumentStatus.Unknown)
        {
            var batchRoot = request.BatchRoot;
            if (facts.LegacyCutoverBlock is { } before)
            {
                return Check(CheckNames.Anchored, CheckOutcome.Failed, batchRoot is { } root
                    ? P("anchored.legacy-unknown-batch", ("registry", facts.Registry), ("root", root), ("cutover", before))
                    : P("anchored.legacy-unknown", ("registry", facts.Registry), ("cutover", before)));
            }

            var whose = facts.DepartmentId == 0 ? "registry" : "department";
            return Check(CheckNames.Anchored, CheckOutcome.Failed, batchRoot is { } missing
                ? P($"anchored.{whose}-unknown-batch", ("department", DescribeDepartment(facts)), ("root", missing), ("block", facts.ReadAtBlock))
                : P($"anchored.{whose}-unknown", ("department", DescribeDepartment(facts)), ("block", facts.ReadAtBlock)));
        }

        if (facts.LegacyCutoverBlock is { } cutover)
        {
            return Check(CheckNames.Anchored, CheckOutcome.Passed, P("anchored.legacy", ("block", facts.AnchoredBlock), ("cutover", cutover)));
        }

        var where = request.BatchRoot is null ? "on-chain" : "in-batch";
        return Check(CheckNames.Anchored, CheckOutcome.Passed, facts.AnchoredAt is { } at
            ? P($"anchored.{where}-at", ("root", request.BatchRoot), ("block", facts.AnchoredBlock), ("time", Format(at)))
            : P($"anchored.{where}", ("root", request.BatchRoot), ("block", facts.AnchoredBlock)));
    }

    private static VerificationCheck IssuerKnown(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.IssuerKnown, CheckOutcome.Skipped, P("issuer-known.not-anchored"));
        }

        return facts.DepartmentStatus == DepartmentStatus.None
            ? Check(CheckNames.IssuerKnown, CheckOutcome.Failed, P("issuer-known.not-registered", ("departmentId", facts.DepartmentId)))
            : Check(CheckNames.IssuerKnown, CheckOutcome.Passed, P("issuer-known.issued-by", ("department", DescribeDepartment(facts))));
    }

    private static VerificationCheck IssuerStatus(ChainFacts facts, bool anchored)
    {
        return (anchored, facts.DepartmentStatus) switch
        {
            (false, _) => Check(CheckNames.IssuerStatus, CheckOutcome.Skipped, P("issuer-known.not-anchored")),
            (true, DepartmentStatus.Active) => Check(CheckNames.IssuerStatus, CheckOutcome.Passed, P("issuer-status.active")),
            (true, DepartmentStatus.Suspended) => Check(CheckNames.IssuerStatus, CheckOutcome.Passed, P("issuer-status.suspended")),
            _ => Check(CheckNames.IssuerStatus, CheckOutcome.Skipped, P("issuer-status.not-registered")),
        };
    }

    private static VerificationCheck KeyNotCompromised(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.KeyNotCompromised, CheckOutcome.Skipped, P("not-anchored"));
        }

        if (facts.KeyId == 0)
        {
            return Check(CheckNames.KeyNotCompromised, CheckOutcome.Skipped, P("key.none"));
        }

        if (facts.KeyCompromisedSince is not { } since)
        {
            return Check(CheckNames.KeyNotCompromised, CheckOutcome.Passed, P("key.never-compromised", ("key", facts.KeyId)));
        }

        // The contract's rule: tainted when anchoredAt >= compromisedSince; a key stolen later does not taint earlier documents.
        bool tainted = facts.Status == DocumentStatus.KeyCompromised || (facts.AnchoredAt is { } at && at >= since);
        return tainted
            ? Check(CheckNames.KeyNotCompromised, CheckOutcome.Failed, P("key.compromised", ("key", facts.KeyId), ("since", Format(since))))
            : Check(CheckNames.KeyNotCompromised, CheckOutcome.Passed, P("key.compromised-later", ("key", facts.KeyId), ("since", Format(since))));
    }

    private static VerificationCheck NotRevoked(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.NotRevoked, CheckOutcome.Skipped, P("not-anchored"));
        }

        if (facts.Status != DocumentStatus.Revoked)
        {
            return Check(CheckNames.NotRevoked, CheckOutcome.Passed, P("revoked.no"));
        }

        return Check(CheckNames.NotRevoked, CheckOutcome.Failed, RevocationReasons.Find(facts.RevocationReason) is { } reason
            ? P("revoked.by-issuer", ("reason", reason.Name), ("reasonCode", reason.Number))
            : P("revoked.by-issuer-unlisted", ("reasonCode", facts.RevocationReason)));
    }

    private static VerificationCheck NotExpired(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.NotExpired, CheckOutcome.Skipped, P("not-anchored"));
        }

        if (facts.ValidUntil is not { } validUntil)
        {
            return facts.Status == DocumentStatus.Expired
                ? Check(CheckNames.NotExpired, CheckOutcome.Failed, P("expiry.registry-expired"))
                : Check(CheckNames.NotExpired, CheckOutcome.Passed, P("expiry.none"));
        }

        // The contract's rule: expired when block.timestamp > validUntil.
        bool expired = facts.Status == DocumentStatus.Expired || facts.ReadAtTime > validUntil;
        return Check(CheckNames.NotExpired, expired ? CheckOutcome.Failed : CheckOutcome.Passed,
            P(expired ? "expiry.expired" : "expiry.valid-until", ("validUntil", Format(validUntil)), ("chainTime", Format(facts.ReadAtTime))));
    }

    private static VerificationCheck NotSuperseded(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.NotSuperseded, CheckOutcome.Skipped, P("not-anchored"));
        }

        if (!facts.Successor.IsZero)
        {
            return Check(CheckNames.NotSuperseded, CheckOutcome.Failed, P("superseded.by", ("successor", facts.Successor)));
        }

        return facts.Status == DocumentStatus.Superseded
            ? Check(CheckNames.NotSuperseded, CheckOutcome.Failed, P("superseded.registry"))
            : Check(CheckNames.NotSuperseded, CheckOutcome.Passed, P("superseded.no"));
    }

    private static VerificationCheck ReceiptMatchesChain(Receipt? receipt, ChainFacts facts, bool anchored)
    {
        if (receipt is null)
        {
            return Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Skipped, P("receipt.none"));
        }

        if (!anchored)
        {
            return Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Skipped, P("receipt.nothing-on-chain"));
        }

        var differences = new List<CheckPhrase>();
        void Compare<T>(string field, T inReceipt, T onChain)
        {
            if (!EqualityComparer<T>.Default.Equals(inReceipt, onChain))
            {
                differences.Add(P($"receipt.differs-{field}", ("inReceipt", inReceipt), ("onChain", onChain)));
            }
        }

        Compare("department", receipt.Issuer.Id, facts.DepartmentId);
        if (facts.DepartmentCode is { } code)
        {
            Compare("department-code", receipt.Issuer.Code, code);
        }

        if (facts.DepartmentName is { } name)
        {
            Compare("department-name", receipt.Issuer.Name, name);
        }

        Compare("block", receipt.BlockNumber, facts.AnchoredBlock);
        // The chain keeps whole seconds; a receipt written with a finer clock still agrees.
        Compare("anchoring-time", Format(receipt.AnchoredAt), facts.AnchoredAt is { } at ? Format(at) : "none");
        Compare("valid-until", receipt.ValidUntil is { } ru ? Format(ru) : "none", facts.ValidUntil is { } cu ? Format(cu) : "none");
        if (facts.ChainId is { } chainId)
        {
            Compare("chain-id", receipt.ChainId, chainId);
        }

        if (facts.Registry is { } registry && !string.Equals(receipt.Registry, registry, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add(P("receipt.differs-registry", ("inReceipt", receipt.Registry), ("onChain", registry)));
        }

        return differences.Count == 0
            ? Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Passed, P("receipt.agrees", ("departmentId", facts.DepartmentId), ("block", facts.AnchoredBlock)))
            : new VerificationCheck(CheckNames.ReceiptMatchesChain, CheckOutcome.Failed, differences);
    }

    private static VerificationCheck TransactionMatches(VerificationRequest request, ChainFacts facts)
    {
        if (request.StatedTransaction is not { } stated)
        {
            return Check(CheckNames.TransactionMatches, CheckOutcome.Skipped, P("transaction.none-named"));
        }

        var source = request.Transaction is null ? "receipt" : "record";
        if (facts.Transaction is not { } chain || chain.Hash != stated.Hash)
        {
            return Check(CheckNames.TransactionMatches, CheckOutcome.Skipped, P($"transaction.not-read-{source}", ("hash", stated.Hash)));
        }

        if (!chain.Found)
        {
            return Check(CheckNames.TransactionMatches, CheckOutcome.Failed, P($"transaction.missing-{source}", ("hash", stated.Hash)));
        }

        var differences = new List<CheckPhrase>();
        if (chain.BlockNumber != stated.BlockNumber)
        {
            differences.Add(P("transaction.other-block", ("hash", stated.Hash), ("block", chain.BlockNumber), ("statedBlock", stated.BlockNumber)));
        }

        if (chain.BlockHash != stated.BlockHash)
        {
            differences.Add(P("transaction.other-block-hash", ("block", chain.BlockNumber), ("blockHash", chain.BlockHash), ("statedBlockHash", stated.BlockHash)));
        }

        if (!string.Equals(chain.To, stated.Registry, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add(P("transaction.other-recipient", ("hash", stated.Hash), ("to", chain.To), ("registry", stated.Registry)));
        }

        if (!chain.Succeeded)
        {
            differences.Add(P("transaction.failed", ("hash", stated.Hash)));
        }
        else if (!chain.EmittedAnchoring)
        {
            differences.Add(P("transaction.no-anchor-event", ("hash", stated.Hash), ("department", DescribeDepartment(facts))));
        }

        return differences.Count == 0
            ? Check(CheckNames.TransactionMatches, CheckOutcome.Passed, P("transaction.matches", ("hash", stated.Hash), ("block", chain.BlockNumber), ("department", DescribeDepartment(facts))))
            : new VerificationCheck(CheckNames.TransactionMatches, CheckOutcome.Failed, differences);
    }

    // A department as the phrases name it after the word "department": its id, and its code and name where known.
    private static string DescribeDepartment(ChainFacts facts) =>
        (facts.DepartmentCode, facts.DepartmentName) switch
        {
            ({ } code, { } name) => $"{facts.DepartmentId} ({code}, {name})",
            ({ } code, null) => $"{facts.DepartmentId} ({code})",
            _ => $"{facts.DepartmentId}",
        };

    private static string StatusKey(DocumentStatus status) => status switch
    {
        DocumentStatus.Valid => "valid",
        DocumentStatus.KeyCompromised => "key-compromised",
        DocumentStatus.Revoked => "revoked",
        DocumentStatus.Expired => "expired",
        DocumentStatus.Superseded => "superseded",
        _ => "unknown",
    };

    // Whole seconds in UTC: the chain's resolution, and one form for every reader.
    private static string Format(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds()).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static CheckPhrase P(string key, params (string Name, object? Value)[] values) => CheckPhrases.Of(key, values);

    private static VerificationCheck Check(string name, CheckOutcome outcome, CheckPhrase phrase) => new(name, outcome, [phrase]);
}
