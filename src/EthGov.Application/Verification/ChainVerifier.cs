using EthGov.Chain.Abi;
using EthGov.Chain.Legacy;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Application.Verification;

/// <summary>
/// Verifies a document against the chain: chooses the issuer whose namespace to read (the receipt's; else the one the
/// answering service recorded, unless the person names another; else the named one; else every department's single
/// anchors), reads the facts the query calls for (the batch leaf when a proof is known, else the single digest) and
/// applies EthGov.Core's rules. The API (by digest, file or receipt) and the CLI (<c>verify</c>, <c>status</c>, and
/// <c>anchor</c> checking the receipts it finds) all verify through here, so they cannot disagree.
/// </summary>
public static class ChainVerifier
{
    /// <summary>The verdict for <paramref name="query"/>, or the chain failure that prevented one.</summary>
    public static Task<ChainResult<VerificationReport>> VerifyAsync(DocumentOperations documents, VerificationQuery query)
    {
        var request = new VerificationRequest(query.Digest) { FileDigest = query.FileDigest, Receipt = query.Receipt };
        if (query.Receipt is { } receipt)
        {
            var root = receipt.Batch?.Root;
            return documents.Legacy is { } legacy && legacy.IsLegacy(receipt.Registry)
                ? VerifyLegacyAsync(legacy, request, root, receipt.Batch?.Proof ?? [], IssuerSource.Receipt)
                : VerifyForAsync(documents, request, receipt.Issuer.Id, root, receipt.Batch?.Proof ?? [], IssuerSource.Receipt);
        }

        // A proof the asker gives (a document's link) is checked as given, like a receipt, even when this service recorded
        // the document itself: a tampered link must not verify.
        if (query.Proof is { } stated)
        {
            var department = query.DepartmentId ?? throw new ArgumentException("a stated proof needs the department whose batch it claims", nameof(query));
            return VerifyForAsync(documents, request with { Proof = stated }, department, stated.Root, stated.Path, query.ProofIssuerSource);
        }

        if (query.Recorded is { } recorded && (query.DepartmentId is null || query.DepartmentId == recorded.DepartmentId))
        {
            // The recorded transaction is checked against the chain like a receipt's before it is shown. A batch anchored
            // in registry 1.x before a migration is read there.
            var source = query.DepartmentId is null ? IssuerSource.Outbox : IssuerSource.Requested;
            request = request with { Transaction = recorded.Transaction };
            return recorded.InLegacyRegistry && documents.Legacy is { } legacy
                ? VerifyLegacyAsync(legacy, request, recorded.Root, recorded.Proof(), source)
                : VerifyForAsync(documents, request, recorded.DepartmentId, recorded.Root, recorded.Proof(), source);
        }

        return query.DepartmentId is { } named
            ? VerifyForAsync(documents, request, named, null, [], IssuerSource.Requested)
            : SearchAsync(documents, request);
    }

    // The facts of a document of the registry 1.x this registry took over from (singly when `root` is null, else as a leaf
    // of that 1.x batch); a stated transaction is checked in the 1.x registry.
    private static async Task<ChainResult<VerificationReport>> VerifyLegacyAsync(
        LegacyDocuments legacy, VerificationRequest request, Digest? root, IReadOnlyList<Digest> proof, IssuerSource source)
    {
        var facts = await legacy.CheckAsync(root, request.Digest, proof);
        if (!facts.IsSuccess)
        {
            return ChainResult<VerificationReport>.Fail(facts.Error);
        }

        var checkedFacts = facts.Value;
        if (request.StatedTransaction is { } stated)
        {
            var department = checkedFacts.DepartmentId != 0 ? checkedFacts.DepartmentId : request.Receipt?.Issuer.Id ?? 0;
            var transaction = await legacy.ReadTransactionAsync(stated.Hash, department, root, request.Digest);
            if (!transaction.IsSuccess)
            {
                return ChainResult<VerificationReport>.Fail(transaction.Error);
            }

            checkedFacts = checkedFacts with { Transaction = transaction.Value };
        }

        return Report(request with { IssuerSource = source }, checkedFacts, root);
    }

    // The facts of `departmentId`'s anchoring of the request's digest (singly when `root` is null, else as a leaf of that
    // batch with `proof`).
    private static async Task<ChainResult<VerificationReport>> VerifyForAsync(
        DocumentOperations documents, VerificationRequest request, uint departmentId, Digest? root, IReadOnlyList<Digest> proof, IssuerSource source)
    {
        // A receipt's (or a record's) transaction hash is a claim: the chain is asked about it too, at the same time.
        var reading = request.StatedTransaction is { } stated ? documents.ReadTransactionAsync(stated.Hash, departmentId, root, request.Digest) : null;
        var facts = root is { } r
            ? await documents.CheckInBatchAsync(departmentId, r, request.Digest, proof)
            : await documents.CheckAsync(departmentId, request.Digest);
        ChainResult<AnchoringTransaction>? transaction = reading is null ? null : await reading;
        if (!facts.IsSuccess)
        {
            return ChainResult<VerificationReport>.Fail(facts.Error);
        }

        if (transaction is { IsSuccess: false } failed)
        {
            return ChainResult<VerificationReport>.Fail(failed.Error);
        }

        return Report(request with { IssuerSource = source }, facts.Value with { Transaction = transaction?.Value }, root);
    }

    private static async Task<ChainResult<VerificationReport>> SearchAsync(DocumentOperations documents, VerificationRequest request)
    {
        var every = await documents.CheckEveryDepartmentAsync(request.Digest);
        if (!every.IsSuccess)
        {
            return ChainResult<VerificationReport>.Fail(every.Error);
        }

        var anchored = every.Value.Where(f => f.Status != DocumentStatus.Unknown).ToList();
        if (IssuerChoice.Choose(anchored) is { } chosen)
        {
            return Report(request with { IssuerSource = IssuerSource.Search, Issuers = anchored }, chosen, null);
        }

        // Nobody anchored it on its own here: maybe in the registry 1.x, before the cut-over.
        if (documents.Legacy is { } legacy)
        {
            var old = await legacy.CheckAsync(null, request.Digest, []);
            if (!old.IsSuccess)
            {
                return ChainResult<VerificationReport>.Fail(old.Error);
            }

            if (old.Value.Status != DocumentStatus.Unknown)
            {
                return Report(request with { IssuerSource = IssuerSource.Search, Issuers = [old.Value] }, old.Value, null);
            }
        }

        // Nobody anchored it on its own: the facts are the registry's, about no department.
        var none = every.Value.Count > 0
            ? every.Value[0] with { DepartmentId = 0, DepartmentCode = null, DepartmentName = null, DepartmentStatus = DepartmentStatus.None }
            : null;
        if (none is null)
        {
            var read = await documents.CheckAsync(0, request.Digest);
            if (!read.IsSuccess)
            {
                return ChainResult<VerificationReport>.Fail(read.Error);
            }

            none = read.Value;
        }

        return Report(request with { IssuerSource = IssuerSource.Search, Issuers = [] }, none, null);
    }

    private static ChainResult<VerificationReport> Report(VerificationRequest request, ChainFacts facts, Digest? root)
        => ChainResult<VerificationReport>.Ok(new VerificationReport(DocumentVerifier.Evaluate(request, facts), facts) { BatchRoot = root, Request = request });
}
