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
        var problems = new List<string>();
        var agreements = new List<string>();
        if (request.FileDigest is { } file)
        {
            (file == request.Digest ? agreements : problems).Add(
                file == request.Digest
                    ? $"the file's digest is {file}"
                    : $"the file's digest {file} differs from {request.Digest}");
        }

        if (request.Receipt is { } receipt)
        {
            (receipt.Digest == request.Digest ? agreements : problems).Add(
                receipt.Digest == request.Digest
                    ? "the receipt names the same digest"
                    : $"the receipt names {receipt.Digest}, not {request.Digest}");
        }

        if (problems.Count > 0)
        {
            return Check(CheckNames.DigestMatches, CheckOutcome.Failed, string.Join("; ", problems));
        }

        return agreements.Count == 0
            ? Check(CheckNames.DigestMatches, CheckOutcome.Skipped, "no file or receipt given to compare with")
            : Check(CheckNames.DigestMatches, CheckOutcome.Passed, string.Join("; ", agreements));
    }

    private static VerificationCheck ProofValid(VerificationRequest request)
    {
        if (request.Receipt is not { } receipt)
        {
            if (request.Proof is { } stated)
            {
                return Check(CheckNames.ProofValid, CheckOutcome.Passed,
                    $"the proof from {stated.From} leads from the digest to {stated.Root}, which the chain must know as a batch of the issuer");
            }

            return request.ProofLookup is { } lookup
                ? Check(CheckNames.ProofValid, CheckOutcome.Skipped, lookup.Detail)
                : Check(CheckNames.ProofValid, CheckOutcome.Skipped, "no receipt given");
        }

        if (receipt.Batch is not { } batch)
        {
            return Check(CheckNames.ProofValid, CheckOutcome.Skipped, "anchored on its own, not in a batch: no proof needed");
        }

        var computed = MerkleTree.ComputeRoot(receipt.Digest, batch.Proof.ToArray());
        return computed == batch.Root
            ? Check(CheckNames.ProofValid, CheckOutcome.Passed, $"the proof leads from the digest to batch root {batch.Root}")
            : Check(CheckNames.ProofValid, CheckOutcome.Failed, $"the proof leads to {computed}, not to batch root {batch.Root}");
    }

    private static VerificationCheck IssuerNamed(VerificationRequest request, ChainFacts facts)
    {
        var asked = DescribeDepartment(facts);
        switch (request.IssuerSource)
        {
            case IssuerSource.Receipt:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, $"the receipt names {asked}");
            case IssuerSource.Requested:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, $"asked about {asked}, as requested");
            case IssuerSource.Outbox:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, $"this service anchored it for {asked}");
            case IssuerSource.NodeSearch:
                return Check(CheckNames.IssuerNamed, CheckOutcome.Passed,
                    $"no department anchored it on its own; asked every active department's node for a proof: {request.Proof?.From ?? "a node"} gave one for {asked}");
        }

        var issuers = request.Issuers;
        if (issuers.Count == 0)
        {
            return Check(CheckNames.IssuerNamed, CheckOutcome.Skipped,
                "asked every department: none anchored the digest on its own (a batch member is found with its receipt, its link's proof or its issuer node's)");
        }

        if (issuers.Count == 1)
        {
            return Check(CheckNames.IssuerNamed, CheckOutcome.Passed, facts.LegacyCutoverBlock is null
                ? $"asked every department: only {asked} anchored the digest"
                : $"asked every department: none anchored the digest here; {asked} anchored it in registry 1.x before the cut-over");
        }

        var all = string.Join(", ", issuers.Select(i => $"{DescribeDepartment(i)} ({Words(i.Status)})"));
        return Check(CheckNames.IssuerNamed, CheckOutcome.Passed,
            $"asked every department: {issuers.Count} anchored the digest, {all}; this verdict is about {asked}'s");
    }

    private static VerificationCheck Anchored(VerificationRequest request, ChainFacts facts)
    {
        if (facts.Status == DocumentStatus.Unknown)
        {
            string what = request.BatchRoot is { } missing
                ? $"neither batch root {missing} with this proof nor the digest"
                : "the digest";
            if (facts.LegacyCutoverBlock is { } before)
            {
                return Check(CheckNames.Anchored, CheckOutcome.Failed,
                    $"registry 1.x ({facts.Registry}) did not know {what} before the cut-over at block {before}; what it anchored since does not count");
            }

            string whose = facts.DepartmentId == 0 ? "the registry does not know" : $"{DescribeDepartment(facts)} has not anchored";
            return Check(CheckNames.Anchored, CheckOutcome.Failed, $"{whose} {what} (read at block {facts.ReadAtBlock})");
        }

        string how = request.BatchRoot is { } batch ? $"in batch {batch}" : "on chain";
        string where = facts.LegacyCutoverBlock is { } cutover ? $" of registry 1.x, before the cut-over at block {cutover}" : string.Empty;
        return Check(
            CheckNames.Anchored,
            CheckOutcome.Passed,
            $"anchored {how} in block {facts.AnchoredBlock}{where}{At(facts.AnchoredAt)}");
    }

    private static VerificationCheck IssuerKnown(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.IssuerKnown, CheckOutcome.Skipped, "not anchored, so no issuer");
        }

        return facts.DepartmentStatus == DepartmentStatus.None
            ? Check(CheckNames.IssuerKnown, CheckOutcome.Failed, $"department {facts.DepartmentId} is not in the registry")
            : Check(CheckNames.IssuerKnown, CheckOutcome.Passed, $"issued by {DescribeDepartment(facts)}");
    }

    private static VerificationCheck IssuerStatus(ChainFacts facts, bool anchored)
    {
        return (anchored, facts.DepartmentStatus) switch
        {
            (false, _) => Check(CheckNames.IssuerStatus, CheckOutcome.Skipped, "not anchored, so no issuer"),
            (true, DepartmentStatus.Active) => Check(CheckNames.IssuerStatus, CheckOutcome.Passed, "the department is active"),
            (true, DepartmentStatus.Suspended) => Check(
                CheckNames.IssuerStatus,
                CheckOutcome.Passed,
                "note: the department is now suspended; it can no longer issue, but documents it issued before stay valid"),
            _ => Check(CheckNames.IssuerStatus, CheckOutcome.Skipped, "the department is not in the registry"),
        };
    }

    private static VerificationCheck KeyNotCompromised(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.KeyNotCompromised, CheckOutcome.Skipped, "not anchored");
        }

        if (facts.KeyId == 0)
        {
            return Check(CheckNames.KeyNotCompromised, CheckOutcome.Skipped, "the registry records no anchoring key for it");
        }

        if (facts.KeyCompromisedSince is not { } since)
        {
            return Check(CheckNames.KeyNotCompromised, CheckOutcome.Passed, $"anchored by key {facts.KeyId} of the department, never reported compromised");
        }

        // The contract's rule: tainted when anchoredAt >= compromisedSince; a key stolen later does not taint earlier documents.
        bool tainted = facts.Status == DocumentStatus.KeyCompromised || (facts.AnchoredAt is { } at && at >= since);
        return tainted
            ? Check(CheckNames.KeyNotCompromised, CheckOutcome.Failed,
                $"anchored by key {facts.KeyId} of the department, reported compromised since {Format(since)}, at or after which it anchored this document: whoever held the stolen key may have issued it")
            : Check(CheckNames.KeyNotCompromised, CheckOutcome.Passed,
                $"anchored by key {facts.KeyId} of the department before it was reported compromised (since {Format(since)})");
    }

    private static VerificationCheck NotRevoked(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.NotRevoked, CheckOutcome.Skipped, "not anchored");
        }

        return facts.Status == DocumentStatus.Revoked
            ? Check(CheckNames.NotRevoked, CheckOutcome.Failed, $"revoked by its issuing department, reason {RevocationReasons.Describe(facts.RevocationReason)}")
            : Check(CheckNames.NotRevoked, CheckOutcome.Passed, "not revoked");
    }

    private static VerificationCheck NotExpired(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.NotExpired, CheckOutcome.Skipped, "not anchored");
        }

        if (facts.ValidUntil is not { } validUntil)
        {
            return facts.Status == DocumentStatus.Expired
                ? Check(CheckNames.NotExpired, CheckOutcome.Failed, "the registry reports it expired")
                : Check(CheckNames.NotExpired, CheckOutcome.Passed, "no expiry");
        }

        // The contract's rule: expired when block.timestamp > validUntil.
        bool expired = facts.Status == DocumentStatus.Expired || facts.ReadAtTime > validUntil;
        return expired
            ? Check(CheckNames.NotExpired, CheckOutcome.Failed, $"expired at {Format(validUntil)} (chain time {Format(facts.ReadAtTime)})")
            : Check(CheckNames.NotExpired, CheckOutcome.Passed, $"valid until {Format(validUntil)} (chain time {Format(facts.ReadAtTime)})");
    }

    private static VerificationCheck NotSuperseded(ChainFacts facts, bool anchored)
    {
        if (!anchored)
        {
            return Check(CheckNames.NotSuperseded, CheckOutcome.Skipped, "not anchored");
        }

        if (!facts.Successor.IsZero)
        {
            return Check(CheckNames.NotSuperseded, CheckOutcome.Failed, $"superseded by {facts.Successor}");
        }

        return facts.Status == DocumentStatus.Superseded
            ? Check(CheckNames.NotSuperseded, CheckOutcome.Failed, "the registry reports it superseded")
            : Check(CheckNames.NotSuperseded, CheckOutcome.Passed, "no newer document replaces it");
    }

    private static VerificationCheck ReceiptMatchesChain(Receipt? receipt, ChainFacts facts, bool anchored)
    {
        if (receipt is null)
        {
            return Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Skipped, "no receipt given");
        }

        if (!anchored)
        {
            return Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Skipped, "nothing on chain to compare the receipt with");
        }

        var differences = new List<string>();
        void Compare<T>(string what, T inReceipt, T onChain)
        {
            if (!EqualityComparer<T>.Default.Equals(inReceipt, onChain))
            {
                differences.Add($"{what} is {inReceipt} in the receipt but {onChain} on chain");
            }
        }

        Compare("department", receipt.Issuer.Id, facts.DepartmentId);
        if (facts.DepartmentCode is { } code)
        {
            Compare("department code", receipt.Issuer.Code, code);
        }

        if (facts.DepartmentName is { } name)
        {
            Compare("department name", receipt.Issuer.Name, name);
        }

        Compare("block", receipt.BlockNumber, facts.AnchoredBlock);
        // The chain keeps whole seconds; a receipt written with a finer clock still agrees.
        Compare("anchoring time", Format(receipt.AnchoredAt), facts.AnchoredAt is { } at ? Format(at) : "none");
        Compare("validUntil", receipt.ValidUntil is { } ru ? Format(ru) : "none", facts.ValidUntil is { } cu ? Format(cu) : "none");
        if (facts.ChainId is { } chainId)
        {
            Compare("chain id", receipt.ChainId, chainId);
        }

        if (facts.Registry is { } registry && !string.Equals(receipt.Registry, registry, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"registry is {receipt.Registry} in the receipt but {registry} on chain");
        }

        return differences.Count == 0
            ? Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Passed, $"department {facts.DepartmentId} and block {facts.AnchoredBlock} agree with the chain")
            : Check(CheckNames.ReceiptMatchesChain, CheckOutcome.Failed, string.Join("; ", differences));
    }

    private static VerificationCheck TransactionMatches(VerificationRequest request, ChainFacts facts)
    {
        if (request.StatedTransaction is not { } stated)
        {
            return Check(CheckNames.TransactionMatches, CheckOutcome.Skipped, "no receipt or record names the anchoring transaction");
        }

        var source = request.Transaction is null ? "the receipt" : "this service's record";
        if (facts.Transaction is not { } chain || chain.Hash != stated.Hash)
        {
            return Check(CheckNames.TransactionMatches, CheckOutcome.Skipped, $"the transaction {stated.Hash} that {source} names was not read");
        }

        if (!chain.Found)
        {
            return Check(CheckNames.TransactionMatches, CheckOutcome.Failed, $"the chain has no transaction {stated.Hash}, which {source} names");
        }

        var differences = new List<string>();
        if (chain.BlockNumber != stated.BlockNumber)
        {
            differences.Add($"transaction {stated.Hash} is in block {chain.BlockNumber}, not {stated.BlockNumber}");
        }

        if (chain.BlockHash != stated.BlockHash)
        {
            differences.Add($"block {chain.BlockNumber} has hash {chain.BlockHash}, not {stated.BlockHash}");
        }

        if (!string.Equals(chain.To, stated.Registry, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"transaction {stated.Hash} was sent to {chain.To}, not to the registry {stated.Registry}");
        }

        if (!chain.Succeeded)
        {
            differences.Add($"transaction {stated.Hash} failed");
        }
        else if (!chain.EmittedAnchoring)
        {
            differences.Add($"transaction {stated.Hash} did not anchor this document for {DescribeDepartment(facts)}");
        }

        return differences.Count == 0
            ? Check(CheckNames.TransactionMatches, CheckOutcome.Passed, $"transaction {stated.Hash} in block {chain.BlockNumber} anchored it for {DescribeDepartment(facts)}")
            : Check(CheckNames.TransactionMatches, CheckOutcome.Failed, string.Join("; ", differences));
    }

    private static string DescribeDepartment(ChainFacts facts) =>
        (facts.DepartmentCode, facts.DepartmentName) switch
        {
            ({ } code, { } name) => $"department {facts.DepartmentId} ({code}, {name})",
            ({ } code, null) => $"department {facts.DepartmentId} ({code})",
            _ => $"department {facts.DepartmentId}",
        };

    private static string Words(DocumentStatus status) => status switch
    {
        DocumentStatus.KeyCompromised => "key compromised",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string At(DateTimeOffset? time) => time is { } t ? $" at {Format(t)}" : string.Empty;

    // Whole seconds in UTC: the chain's resolution, and one form for every reader.
    private static string Format(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds()).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static VerificationCheck Check(string name, CheckOutcome outcome, string detail) => new(name, outcome, detail);
}
