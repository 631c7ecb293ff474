using System.ComponentModel;
using System.Numerics;
using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Documents;
using EthGov.Api.Indexing;
using EthGov.Api.Outbox;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Requests;
using EthGov.Application.ApiKeys;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Codes;
using EthGov.Core.Digests;
using EthGov.Core.Purposes;
using EthGov.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Grants;

/// <summary>
/// Access grants between departments: created under a legal basis (a citizen's consent is given by passkey, see
/// ConsentsApi), revoked,
/// and each access logged on chain. Writes act for the API key's department and are answered once confirmed.
/// </summary>
public static class GrantsApi
{
    /// <summary>Maps /api/v1/grants.</summary>
    public static IEndpointRouteBuilder MapGrantsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/grants").WithTags("Grants");
        open.MapGet("/{id}", Get).WithName("GetGrant").WithSummary("One grant, read from the chain");
        open.MapGet("/", List).WithName("ListGrants")
            .WithSummary("Grants of a record (open to anyone), or to or by a department (that department's key or clerks only), as indexed, by id, a page at a time");

        var write = app.MapGroup("/api/v1/grants").WithTags("Grants")
            .RequireScope(ApiKeyScopes.Grants).AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        write.MapPost("/", GrantUnderLegalBasis).WithName("CreateGrant").WithSummary("Grant a department access to a record under a legal basis");
        write.MapPost("/kinds", GrantKind).WithName("CreateKindGrant")
            .WithSummary("Grant a department access, under a legal basis, to every record of a kind the caller's department issues");
        write.MapPost("/{id}/revocation", Revoke).WithName("RevokeGrant").WithSummary("Revoke a grant the caller's department made");
        write.MapPost("/{id}/accesses", LogAccess).WithName("LogAccess").WithSummary("Log one access under a valid grant to the caller's department");
        return app;
    }

    /// <summary>One grant.</summary>
    public static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> Get(string id, DepartmentDirectory directory)
    {
        if (!TryParseId(id, out var grantId))
        {
            return InvalidId();
        }

        var grant = await directory.Reader.Grants.GetAsync(grantId);
        return grant.IsSuccess ? TypedResults.Ok(GrantResponse.From(grant.Value)) : ChainProblems.From(grant.Error);
    }

    /// <summary>Grants by record (open), or to or by the caller's own department (its key or clerk only).</summary>
    public static async Task<Results<Ok<Page<IndexedGrant>>, ProblemHttpResult>> List(
        string? recordId, string? grantee, string? grantor, [Description("true: newest first")] bool? newest, HttpContext http, IndexStore index, DepartmentDirectory directory,
        [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize, CancellationToken cancellationToken)
    {
        if (PageRequest.Read(cursor, pageSize, "grants", 1, out var invalid) is not { } page)
        {
            return invalid!;
        }

        Digest? record = null;
        if (recordId is not null)
        {
            if (!Digest.TryParse(recordId, out var parsed, out var error))
            {
                return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("recordId", DigestReason.Of(error)));
            }

            record = parsed;
        }

        var (granteeId, granteeProblem) = await OwnDepartmentAsync(grantee, "grantee", http, directory, cancellationToken);
        if (granteeProblem is not null)
        {
            return granteeProblem;
        }

        var (grantorId, grantorProblem) = await OwnDepartmentAsync(grantor, "grantor", http, directory, cancellationToken);
        if (grantorProblem is not null)
        {
            return grantorProblem;
        }

        if (record is null && granteeId is null && grantorId is null)
        {
            return Problems.Problems.InvalidRequest(GrantTexts.GiveRecordIdGranteeOrGrantor);
        }

        var fetched = index.Grants(record, granteeId, page.After is [var after] ? after : 0, page.Size + 1, grantorId, newest ?? false);
        return TypedResults.Ok(page.ToPage(fetched, http.Request, "grants", g => [g.Id]));
    }

    // The id of department <paramref name="code"/> named as the list's grantee or grantor, which must be the caller's own
    // (grants to and by a department say what it exchanges with whom); null when no code was given.
    private static async Task<(uint? Id, ProblemHttpResult? Problem)> OwnDepartmentAsync(
        string? code, string role, HttpContext http, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            return (null, null);
        }

        var caller = ActingDepartment.CodeOf(http.User);
        if (caller is null)
        {
            return (null, Problems.Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "An API key is required",
                role == "grantee" ? GrantTexts.ListingByGranteeNeedsTheGrantee : GrantTexts.ListingByGrantorNeedsTheGrantor));
        }

        if (!string.Equals(caller, code, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The API key may not do this",
                role == "grantee" ? GrantTexts.AKeyListsTheGrantsOf : GrantTexts.AKeyListsTheGrantsItsOwnDepartmentGave));
        }

        var found = await directory.FindAsync(code, cancellationToken);
        return found.IsSuccess ? (found.Value?.Id ?? 0, null) : (null, ChainProblems.From(found.Error));
    }

    /// <summary>
    /// Grants access under a legal basis to a record the caller's department anchored: when this API batched it, the
    /// batch root and proof come from the outbox; otherwise the registry looks for the department's single anchor.
    /// </summary>
    public static async Task<Results<Created<GrantCreatedResponse>, ProblemHttpResult>> GrantUnderLegalBasis(
        LegalBasisGrantRequest request, ActingDepartment caller, DepartmentDirectory directory, DocumentIndex index, BatchStore batches,
        ReceiptService receipts, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(request.RecordId, out var recordId, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("recordId", DigestReason.Of(error)));
        }

        var (legalBasis, terms, granteeId, problem) = await ReadLegalBasisGrantAsync(
            request.LegalBasis, request.Purpose, request.ExpiresAt, request.Terms, GrantBasis.LegalBasis, request.GranteeDepartment, caller, directory, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var batch = index.TryGet(recordId, out var entry) && entry.DepartmentId == caller.Department.Id
            && batches.Get(entry.BatchId) is { State: BatchState.Confirmed, IsSingle: false, Registry: null } confirmed ? confirmed : null;
        var sent = await caller.Signer.Grants.GrantAsync(
            recordId, batch?.Root ?? Digest.Zero, batch is null ? [] : receipts.ProofOf(batch, recordId),
            granteeId, (ushort)request.Purpose!.Value, request.ExpiresAt!.Value, legalBasis, terms!, cancellationToken);
        if (!sent.IsSuccess && sent.Error.Name == "NotIssuingDepartment")
        {
            return Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.NotIssuingDepartment, "Only the issuing department may grant access to a record under a legal basis",
                GrantTexts.DepartmentDidNotAnchorOnIts.With(caller.Department.Code, recordId));
        }

        return Created(sent, recordId, terms!);
    }

    /// <summary>
    /// Grants access under a legal basis to every record of a kind the caller's department issues. The chain holds the
    /// kind's id (SHA-256 of "ethgov:record-kind:" + name); the holder's node checks each record's kind when it releases.
    /// </summary>
    public static async Task<Results<Created<GrantCreatedResponse>, ProblemHttpResult>> GrantKind(
        KindGrantRequest request, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (!RecordKind.IsValidName(request.Kind))
        {
            return Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRecordKind, "The record kind is not a kind name",
                GrantTexts.Kind1ToCharactersOfA.With(RecordKind.MaxNameLength));
        }

        var (legalBasis, terms, granteeId, problem) = await ReadLegalBasisGrantAsync(
            request.LegalBasis, request.Purpose, request.ExpiresAt, request.Terms, GrantBasis.KindLegalBasis, request.GranteeDepartment, caller, directory, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var kind = RecordKind.Id(request.Kind!);
        var sent = await caller.Signer.Grants.GrantKindAsync(kind, granteeId, (ushort)request.Purpose!.Value, request.ExpiresAt!.Value, legalBasis, terms!, cancellationToken);
        return Created(sent, kind, terms!);
    }

    /// <summary>Revokes a grant.</summary>
    public static async Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> Revoke(string id, ActingDepartment caller, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var grantId))
        {
            return InvalidId();
        }

        return Answer(await caller.Signer.Grants.RevokeAsync(grantId, cancellationToken));
    }

    /// <summary>Logs an access.</summary>
    public static async Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> LogAccess(string id, ActingDepartment caller, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var grantId))
        {
            return InvalidId();
        }

        return Answer(await caller.Signer.Grants.LogAccessAsync(grantId, cancellationToken));
    }

    private static Results<Created<GrantCreatedResponse>, ProblemHttpResult> Created(
        ChainResult<(TransactionOutcome Outcome, BigInteger GrantId)> sent, Digest recordId, GrantTerms terms)
    {
        if (!sent.IsSuccess)
        {
            return ChainProblems.From(sent.Error);
        }

        var id = sent.Value.GrantId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = "/api/v1/grants/" + id;
        return TypedResults.Created(url, new GrantCreatedResponse(id, url, sent.Value.Outcome.TransactionHash, sent.Value.Outcome.BlockNumber,
            recordId, GrantTermsResponse.From(terms)));
    }

    private static Results<Ok<TransactionResponse>, ProblemHttpResult> Answer(ChainResult<TransactionOutcome> sent)
        => sent.IsSuccess
            ? TypedResults.Ok(new TransactionResponse(sent.Value.TransactionHash, sent.Value.BlockNumber, sent.Value.BlockTime))
            : ChainProblems.From(sent.Error);

    /// <summary>
    /// What both legal-basis routes read alike, in this order: the legal basis, purpose and expiry, the terms, and a grantee
    /// department other than the caller's.
    /// </summary>
    private static async Task<(Digest LegalBasis, GrantTerms? Terms, uint GranteeId, ProblemHttpResult? Problem)> ReadLegalBasisGrantAsync(
        string? legalBasisText, int? purpose, DateTimeOffset? expiresAt, GrantTermsRequest? termsRequest, GrantBasis basis, string? granteeCode,
        ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(legalBasisText, out var legalBasis, out var error))
        {
            return (default, null, 0, Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("legalBasis", DigestReason.Of(error))));
        }

        if (CommonProblem(purpose, expiresAt) is { } invalid)
        {
            return (default, null, 0, invalid);
        }

        var (terms, termsProblem) = ReadTerms(termsRequest, basis);
        if (termsProblem is not null)
        {
            return (default, null, 0, termsProblem);
        }

        var grantee = await GranteeAsync(granteeCode, directory, cancellationToken);
        if (grantee.Problem is { } problem)
        {
            return (default, null, 0, problem);
        }

        if (grantee.Id == caller.Department.Id)
        {
            return (default, null, 0, Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.SelfGrant, "A department cannot grant access to itself",
                GrantTexts.GranteeDepartmentIsTheCallerSOwn.With(caller.Department.Code)));
        }

        return (legalBasis, terms, grantee.Id, null);
    }

    internal static async Task<(uint Id, ProblemHttpResult? Problem)> GranteeAsync(string? code, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return (0, Problems.Problems.InvalidRequest(GrantTexts.GranteeDepartmentTheReceivingDepartmentSCode));
        }

        var found = await directory.FindAsync(code, cancellationToken);
        if (!found.IsSuccess)
        {
            return (0, ChainProblems.From(found.Error));
        }

        return found.Value is { } department ? (department.Id, null) : (0, DepartmentsApi.DepartmentNotFound(code));
    }

    internal static ProblemHttpResult? CommonProblem(int? purpose, DateTimeOffset? expiresAt)
    {
        if (purpose is not { } p || p is < 0 or > ushort.MaxValue)
        {
            return Problems.Problems.InvalidRequest(GrantTexts.PurposeACodeFrom0To);
        }

        // As revocation reasons: the chain takes any uint16, the API sends only listed codes.
        var text = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!GrantPurposes.TryParse(text, out _, out _))
        {
            return Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.UnknownPurpose, "The purpose is not on the published list",
                GrantTexts.PurposeNotListed.With(CodeEcho.Of(text), GrantPurposes.Listing), new Dictionary<string, object?> { ["purposes"] = PurposesApi.ListPath });
        }

        // A time before 1970 became a huge uint64 on chain: a grant "until year 584 billion" that stopped the indexer.
        return expiresAt is not { } e ? Problems.Problems.InvalidRequest(GrantTexts.ExpiresAtWhenTheAccessEndsIs)
            : RequestTimes.OutOfRange("expiresAt", e) is { } outOfRange ? outOfRange
            : GrantLifetime.Check(e, DateTimeOffset.UtcNow) is { } lifetime
                ? Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidExpiry, "expiresAt must be in the future and at most 366 days ahead", GrantTexts.ExpiryInvalid(lifetime, e))
            : null;
    }

    /// <summary>The terms a request gives, with the defaults of <see cref="GrantTermsRequest"/>, or the problem the registry would also find.</summary>
    internal static (GrantTerms? Terms, ProblemHttpResult? Problem) ReadTerms(GrantTermsRequest? request, GrantBasis basis)
    {
        if (request is null)
        {
            return (GrantTerms.Default, null);
        }

        var use = GrantTerms.Default.Use;
        if (request.Use is not null)
        {
            if (GrantTermsNames.ParseUse(request.Use) is not { } parsed)
            {
                return (null, InvalidTerms(GrantTexts.TermsUseViewOnceOrStore.With(request.Use)));
            }

            use = parsed;
        }

        var retention = request.RetentionDays ?? (use == GrantUse.ViewOnce ? 0 : GrantTerms.Default.RetentionDays);
        if (retention is < 0 or > ushort.MaxValue)
        {
            return (null, InvalidTerms(GrantTexts.TermsRetentionDays0To65535));
        }

        var fetches = request.MaxFetches ?? GrantTerms.Default.MaxFetches;
        if (fetches is < 1 or > ushort.MaxValue)
        {
            return (null, InvalidTerms(GrantTexts.TermsMaxFetches1To65535));
        }

        var revokers = request.RevocableBy is null ? GrantTerms.Default.RevocableBy : GrantTermsNames.ParseRevokers(request.RevocableBy);
        if (revokers is null)
        {
            return (null, InvalidTerms(GrantTexts.TermsRevocableByAListOfGrantor));
        }

        var terms = new GrantTerms(use, (ushort)retention, (ushort)fetches, revokers.Value);
        return terms.Fault(basis) is { } fault ? (null, InvalidTerms(GrantTexts.TermsInvalid(fault, terms))) : (terms, null);
    }

    private static ProblemHttpResult InvalidTerms(ProblemText detail)
        => Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidTerms, "The grant's terms are invalid", detail);

    private static bool TryParseId(string text, out BigInteger id) => ProposalIds.TryParse(text, out id);

    private static ProblemHttpResult InvalidId() => Problems.Problems.InvalidRequest(GrantTexts.IdAPositiveGrantNumberIs);
}
