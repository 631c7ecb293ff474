using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Chain.Verification;

/// <summary>A verdict with the chain facts it rests on.</summary>
public sealed record VerificationReport(Verdict Verdict, ChainFacts Facts);

/// <summary>
/// Verifies a document against the chain: chooses the issuer whose namespace to read (the receipt's, a named one, or
/// every department's single anchors when nobody names it), reads the facts the request calls for (the batch leaf when
/// a proof is known, else the single digest) and applies EthGov.Core's rules. The CLI and the API both verify through
/// here, so they cannot disagree.
/// </summary>
public static class ChainVerifier
{
    /// <summary>
    /// Reads the facts for <paramref name="request"/> and evaluates them: about the receipt's issuer when it carries a
    /// receipt, else about every department that anchored the digest on its own.
    /// </summary>
    public static Task<ChainResult<VerificationReport>> VerifyAsync(DocumentOperations documents, VerificationRequest request)
    {
        if (request.Receipt is { } receipt)
        {
            return documents.Legacy is { } legacy && legacy.IsLegacy(receipt.Registry)
                ? VerifyLegacyAsync(legacy, request, receipt.Batch?.Root, receipt.Batch?.Proof ?? [], IssuerSource.Receipt)
                : VerifyForAsync(documents, request, receipt.Issuer.Id, receipt.Batch?.Root, receipt.Batch?.Proof ?? [], IssuerSource.Receipt);
        }

        return SearchAsync(documents, request);
    }

    /// <summary>
    /// Reads the facts of a document of the registry 1.x this registry took over from (singly when <paramref name="root"/>
    /// is null, else as a leaf of that 1.x batch) and evaluates them; a stated transaction is checked in the 1.x registry.
    /// </summary>
    public static async Task<ChainResult<VerificationReport>> VerifyLegacyAsync(
        Legacy.LegacyDocuments legacy, VerificationRequest request, Digest? root, IReadOnlyList<Digest> proof, IssuerSource source)
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

        return Report(request with { IssuerSource = source }, checkedFacts);
    }

    /// <summary>
    /// Reads the facts of <paramref name="departmentId"/>'s anchoring of the request's digest (singly when
    /// <paramref name="root"/> is null, else as a leaf of that batch with <paramref name="proof"/>) and evaluates them.
    /// </summary>
    public static async Task<ChainResult<VerificationReport>> VerifyForAsync(
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

        return Report(request with { IssuerSource = source }, facts.Value with { Transaction = transaction?.Value });
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
            return Report(request with { IssuerSource = IssuerSource.Search, Issuers = anchored }, chosen);
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
                return Report(request with { IssuerSource = IssuerSource.Search, Issuers = [old.Value] }, old.Value);
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

        return Report(request with { IssuerSource = IssuerSource.Search, Issuers = [] }, none);
    }

    private static ChainResult<VerificationReport> Report(VerificationRequest request, ChainFacts facts)
        => ChainResult<VerificationReport>.Ok(new VerificationReport(DocumentVerifier.Evaluate(request, facts), facts));
}
