using EthGov.Api.Auth;
using EthGov.Api.ChainState;
using EthGov.Api.ChangeRequests;
using EthGov.Api.Departments;
using EthGov.Api.Indexing;
using EthGov.Api.Outbox;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Records;
using EthGov.Api.Requests;
using EthGov.Application.ApiKeys;
using EthGov.Application.Records;
using EthGov.Application.Time;
using EthGov.Chain.Deployments;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Documents;

/// <summary>
/// Anchoring, status, receipts, revocation and supersession of documents. Anchor requests go to the durable
/// outbox and are answered 202 after the commit (200 with the receipt when the digest is already anchored);
/// revocation and supersession are sent to the chain at once and answered when confirmed, or, when the node requires a
/// second clerk (<see cref="WorkspaceOptions.RevocationApprovals"/>), stored as a change request and answered 202.
/// </summary>
public static class DocumentsApi
{
    private const string StatusRoute = "/api/v1/documents/";

    private static readonly string[] s_keepFields = ["kind", "subject", "person", "reference", "fileName"];
    private static readonly string[] s_labelFields = ["kind", "reference", "fileName"];

    /// <summary>Maps /api/v1/documents.</summary>
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/documents").WithTags("Documents");
        open.MapGet("/{digest}", GetStatus).WithName("GetDocumentStatus")
            .WithSummary("Where a document is on its way to the chain, with its receipt once anchored");
        open.MapGet("/{digest}/receipt", GetReceipt).WithName("GetDocumentReceipt")
            .WithSummary("The document's receipt, to verify it later without this server");

        var write = app.MapGroup("/api/v1/documents").WithTags("Documents")
            .RequireAuthorization().AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        write.MapPost("/", AnchorDigest).WithName("AnchorDocument")
            .WithSummary("Anchor a document by its SHA-256 digest: 202 once durably queued, 200 with the receipt when already anchored")
            .RequireScope(ApiKeyScopes.Anchor);
        write.MapPost("/batch", AnchorBatch).WithName("AnchorDocumentBatch")
            .WithSummary("Anchor up to 10,000 digests in one request, validated all-or-nothing")
            .WithMetadata(new JsonBodyLimit(MaxBytes: app.ServiceProvider.GetRequiredService<IOptions<DocumentsOptions>>().Value.MaxBatchBodyBytes))
            .RequireScope(ApiKeyScopes.Anchor);
        write.MapPost("/upload", AnchorUpload).WithName("AnchorDocumentUpload")
            .WithSummary("Anchor an uploaded file: hashed while streamed, never stored unless keep=true (then kept encrypted, scope records too); form fields reference, kind, fileName are noted on the node")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery()
            .RequireScope(ApiKeyScopes.Anchor);
        write.MapPost("/{digest}/revocation", Revoke).WithName("RevokeDocument")
            .WithSummary("Revoke a document the caller's department issued, with a reason from /api/v1/revocation-reasons (name or number); 202 with a change request when the node requires a second clerk")
            .RequireScope(ApiKeyScopes.Revoke);
        write.MapPost("/{digest}/supersession", Supersede).WithName("SupersedeDocument")
            .WithSummary("Replace a document by a newer one, anchored at once; 202 with a change request when the node requires a second clerk")
            // It issues a new document as well: a key that may only revoke must not be able to anchor this way.
            .RequireScope(ApiKeyScopes.Revoke | ApiKeyScopes.Anchor);
        return app;
    }

    /// <summary>Anchors one digest.</summary>
    public static async Task<Results<Ok<DocumentStatusResponse>, Accepted<DocumentStatusResponse>, ProblemHttpResult>> AnchorDigest(
        AnchorRequest request, HttpRequest http, ActingDepartment caller, AnchorService anchors, DocumentResponses responses, IOptions<DocumentsOptions> options,
        bool? wait, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(request.Digest, out var digest, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        var (labels, labelError) = IssuedLabels.Read(request.FileName, request.Reference, request.Kind);
        if (labelError is not null)
        {
            return Problems.Problems.InvalidRequest(labelError);
        }

        return await AnchorOneAsync(digest, request.ValidUntil, caller, anchors, responses, options.Value, wait, timeoutSeconds, labels, ProblemLanguages.Preferred(http), cancellationToken);
    }

    /// <summary>
    /// Anchors an uploaded file's digest; with <paramref name="keep"/> the node also keeps the file (encrypted, committed
    /// before the answer), with the optional form fields <c>kind</c>, <c>subject</c> and <c>person</c> beside it.
    /// </summary>
    public static async Task<Results<Ok<DocumentStatusResponse>, Accepted<DocumentStatusResponse>, ProblemHttpResult>> AnchorUpload(
        HttpRequest http, ActingDepartment caller, AnchorService anchors, DocumentResponses responses, IOptions<DocumentsOptions> options,
        DocumentIndex index, [FromServices] RecordStore? records, DateTimeOffset? validUntil, bool? wait, int? timeoutSeconds, bool? keep,
        CancellationToken cancellationToken)
    {
        if (keep == true && KeepRefusal(http, records) is { } refusal)
        {
            return refusal;
        }

        var upload = await UploadReader.ReadAsync(http, options.Value.MaxUploadBytes, keep == true ? s_keepFields : s_labelFields, cancellationToken, keep == true ? records!.MaxRecordBytes : 0);
        if (upload.IsTooLarge)
        {
            return keep == true
                ? RecordProblems.TooLarge(records!.MaxRecordBytes)
                : Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadTooLarge, "The file is too large", upload.Error);
        }

        if (upload.Error is not null || upload.FileDigest is not { } digest)
        {
            return Problems.Problems.InvalidRequest(upload.Error ?? DocumentTexts.NoFilePart);
        }

        var (labels, labelError) = IssuedLabels.Read(
            upload.Fields.GetValueOrDefault("fileName") ?? upload.FileName, upload.Fields.GetValueOrDefault("reference"), upload.Fields.GetValueOrDefault("kind"));
        if (labelError is not null)
        {
            return Problems.Problems.InvalidRequest(labelError);
        }

        if (keep == true)
        {
            if (index.TryGet(digest, out var entry) && entry.DepartmentId != caller.Department.Id)
            {
                return AnchoredByAnother(digest);
            }

            var content = new RecordContent(digest, caller.Department.Id, upload.FileMediaType ?? "application/octet-stream", upload.FileContent)
            {
                Kind = upload.Fields.GetValueOrDefault("kind"),
                Subject = upload.Fields.GetValueOrDefault("subject"),
                Person = upload.Fields.GetValueOrDefault("person"),
            };
            if (RecordProblems.Of(await records!.PutAsync(content, cancellationToken), digest, records.MaxRecordBytes) is { } refused)
            {
                return refused;
            }
        }

        return await AnchorOneAsync(digest, validUntil, caller, anchors, responses, options.Value, wait, timeoutSeconds, labels, ProblemLanguages.Preferred(http), cancellationToken);
    }

    /// <summary>Anchors many digests, all or nothing.</summary>
    public static async Task<Results<Accepted<AnchorBatchResponse>, ProblemHttpResult>> AnchorBatch(
        AnchorBatchRequest request, ActingDepartment caller, AnchorService anchors, IOptions<DocumentsOptions> options, CancellationToken cancellationToken)
    {
        if (request.Digests is not { Length: > 0 } texts)
        {
            return Problems.Problems.InvalidRequest(DocumentTexts.DigestsGiveAtLeastOneDigest);
        }

        if (texts.Length > options.Value.MaxBatchDigests)
        {
            return Problems.Problems.InvalidRequest(DocumentTexts.DigestsAtMostPerRequestGot.With(options.Value.MaxBatchDigests, texts.Length));
        }

        if (ValidUntilProblem(request.ValidUntil) is { } invalid)
        {
            return invalid;
        }

        var (labels, labelError) = IssuedLabels.Read(null, request.Reference, request.Kind);
        if (labelError is not null)
        {
            return Problems.Problems.InvalidRequest(labelError);
        }

        var digests = new Digest[texts.Length];
        int distinct = 0;
        var seen = new HashSet<Digest>(texts.Length);
        var errors = new List<ProblemText>();
        for (int i = 0; i < texts.Length; i++)
        {
            if (!Digest.TryParse(texts[i], out var digest, out var error))
            {
                if (errors.Count < 20)
                {
                    errors.Add(ProblemTexts.DigestInvalid.With($"digests[{i}]", DigestReason.Of(error)));
                }

                continue;
            }

            if (seen.Add(digest))
            {
                digests[distinct++] = digest;
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Problems.InvalidDigest(DocumentTexts.DigestSAreNotValidNothing.With(errors.Count), new Dictionary<string, object?> { ["errors"] = new ProblemTextList(errors) });
        }

        AcceptResult result;
        try
        {
            result = await anchors.AcceptAsync(caller.Department.Id, digests.AsMemory(0, distinct), ChainTime.ToSeconds(request.ValidUntil), cancellationToken, labels);
        }
        catch (OutboxUnavailableException ex)
        {
            return Problems.Problems.OutboxUnavailable(DocumentTexts.OutboxFailed(ex.Failure));
        }

        if (result.Conflict is { } conflict)
        {
            return AnchoredByAnother(conflict);
        }

        return TypedResults.Accepted(StatusRoute + "{digest}", new AnchorBatchResponse(result.Created, result.Known, StatusRoute + "{digest}"));
    }

    /// <summary>The status of a document in the outbox.</summary>
    public static async Task<Results<Ok<DocumentStatusResponse>, ProblemHttpResult>> GetStatus(
        string digest, HttpRequest http, DocumentIndex index, DocumentResponses responses, ChainStatus chain, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        if (chain.ResetDetected is { } reset)
        {
            // "anchored" with a receipt of a chain that no longer exists would be stale.
            return ChainProblems.From(ChainStatus.ResetError(reset));
        }

        return index.TryGet(parsed, out var entry)
            ? TypedResults.Ok(await responses.StatusAsync(entry, ProblemLanguages.Preferred(http), cancellationToken))
            : Problems.Problems.DocumentNotFound(parsed.ToString());
    }

    /// <summary>The receipt of an anchored document.</summary>
    public static async Task<Results<Ok<Receipt>, ProblemHttpResult>> GetReceipt(
        string digest, DocumentIndex index, ReceiptService receipts, ChainStatus chain, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        if (chain.ResetDetected is { } reset)
        {
            return ChainProblems.From(ChainStatus.ResetError(reset));
        }

        if (!index.TryGet(parsed, out var entry))
        {
            return Problems.Problems.DocumentNotFound(parsed.ToString());
        }

        return await receipts.ForAsync(entry, cancellationToken) is { } receipt
            ? TypedResults.Ok(receipt)
            : Problems.Problems.NotYetAnchored(parsed);
    }

    /// <summary>Revokes a document of the caller's department.</summary>
    public static async Task<Results<Ok<TransactionResponse>, Accepted<ChangeRequestResponse>, ProblemHttpResult>> Revoke(
        string digest, RevokeRequest request, HttpContext http, ActingDepartment caller, DocumentRevocation revocation, ChangeRequestIntake fourEyes,
        Deployment deployment, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        var (reason, reasonProblem) = RequestedRevocationReason.Read(request.Reason);
        if (reasonProblem is not null)
        {
            return reasonProblem;
        }

        var (stated, statedProblem) = StatedAnchorPlace.Read(request.Proof, request.Receipt, parsed, caller.Department.Id, deployment);
        if (statedProblem is not null)
        {
            return Problems.Problems.InvalidRequest(statedProblem);
        }

        var (note, noteError) = ChangeNote.Read(request.Note);
        if (noteError is not null)
        {
            return Problems.Problems.InvalidRequest(noteError);
        }

        if (fourEyes.RequiresApproval)
        {
            var (asked, refusal) = await fourEyes.RequestAsync(http, caller, ChangeRequestKinds.Revocation, parsed, reason!.Number, null, null, note, cancellationToken);
            return refusal ?? (Results<Ok<TransactionResponse>, Accepted<ChangeRequestResponse>, ProblemHttpResult>)Accepted(asked!);
        }

        var revoked = await revocation.RevokeAsync(caller.Department, caller.Signer, parsed, reason!.Number, stated, cancellationToken);
        return revoked.Outcome is { } outcome
            ? TypedResults.Ok(new TransactionResponse(outcome.TransactionHash, outcome.BlockNumber, outcome.BlockTime))
            : ProblemOf(revoked.Failure!);
    }

    /// <summary>Replaces a document of the caller's department by a newer one.</summary>
    public static async Task<Results<Ok<DocumentStatusResponse>, Accepted<ChangeRequestResponse>, ProblemHttpResult>> Supersede(
        string digest, SupersedeRequest request, HttpContext http, ActingDepartment caller, DocumentSupersession supersession, DocumentResponses responses,
        ChangeRequestIntake fourEyes, Deployment deployment, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var oldDigest, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        if (!Digest.TryParse(request.NewDigest, out var newDigest, out error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("newDigest", DigestReason.Of(error)));
        }

        if (ValidUntilProblem(request.ValidUntil) is { } invalid)
        {
            return invalid;
        }

        var (stated, statedProblem) = StatedAnchorPlace.Read(request.Proof, request.Receipt, oldDigest, caller.Department.Id, deployment);
        if (statedProblem is not null)
        {
            return Problems.Problems.InvalidRequest(statedProblem);
        }

        var (note, noteError) = ChangeNote.Read(request.Note);
        if (noteError is not null)
        {
            return Problems.Problems.InvalidRequest(noteError);
        }

        if (fourEyes.RequiresApproval)
        {
            var (asked, refusal) = await fourEyes.RequestAsync(
                http, caller, ChangeRequestKinds.Supersession, oldDigest, null, newDigest, request.ValidUntil, note, cancellationToken);
            return refusal ?? (Results<Ok<DocumentStatusResponse>, Accepted<ChangeRequestResponse>, ProblemHttpResult>)Accepted(asked!);
        }

        var superseded = await supersession.SupersedeAsync(caller.Department, caller.Signer, oldDigest, newDigest, request.ValidUntil, stated, cancellationToken);
        return superseded.Failure is { } failure
            ? ProblemOf(failure)
            : TypedResults.Ok(await responses.StatusAsync(newDigest, ProblemLanguages.Preferred(http.Request), cancellationToken));
    }

    private static async Task<Results<Ok<DocumentStatusResponse>, Accepted<DocumentStatusResponse>, ProblemHttpResult>> AnchorOneAsync(
        Digest digest, DateTimeOffset? validUntil, ActingDepartment caller, AnchorService anchors, DocumentResponses responses, DocumentsOptions options,
        bool? wait, int? timeoutSeconds, IssuedLabels? labels, string language, CancellationToken cancellationToken)
    {
        if (ValidUntilProblem(validUntil) is { } invalid)
        {
            return invalid;
        }

        if (timeoutSeconds is < 1)
        {
            return Problems.Problems.InvalidRequest(DocumentTexts.TimeoutSecondsGiveAPositiveNumberOf);
        }

        var waitFor = wait == true ? TimeSpan.FromSeconds(Math.Min(timeoutSeconds ?? 30, options.MaxWait.TotalSeconds)) : (TimeSpan?)null;
        AcceptResult result;
        try
        {
            result = await anchors.AcceptOneAsync(caller.Department.Id, digest, ChainTime.ToSeconds(validUntil), waitFor, cancellationToken, labels);
        }
        catch (OutboxUnavailableException ex)
        {
            return Problems.Problems.OutboxUnavailable(DocumentTexts.OutboxFailed(ex.Failure));
        }

        if (result.Conflict is not null)
        {
            return AnchoredByAnother(digest);
        }

        var status = await responses.StatusAsync(digest, language, cancellationToken);
        return status.Status switch
        {
            DocumentResponses.Anchored => TypedResults.Ok(status),
            DocumentResponses.Failed => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AnchorFailed, "The chain refused the anchor", DocumentTexts.AnchorRefused.With(responses.RefusalOf(digest))),
            _ => TypedResults.Accepted(status.StatusUrl, status),
        };
    }

    private static Accepted<ChangeRequestResponse> Accepted(ChangeRequest request)
    {
        var response = ChangeRequestResponse.Of(request);
        return TypedResults.Accepted(response.Url, response);
    }

    /// <summary>The problem that answers a revocation or supersession not made for <paramref name="failure"/>.</summary>
    internal static ProblemHttpResult ProblemOf(DocumentChangeFailure failure) => failure switch
    {
        DocumentChangeFailure.NotIssuingDepartment f => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.NotIssuingDepartment,
            "Only the issuing department may change this document", DocumentTexts.WasIssuedByDepartmentNotBy.With(f.Digest, f.IssuerId, f.CallerCode)),
        DocumentChangeFailure.AnchorRefused f => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AnchorFailed, "The document's anchor was refused", DocumentTexts.AnchorRefused.With(StoredErrors.Render(f.Error ?? string.Empty))),
        DocumentChangeFailure.NotYetAnchored f => Problems.Problems.NotYetAnchored(f.Digest),
        DocumentChangeFailure.NotRecorded f => Problems.Problems.OutboxUnavailable(
            (f.Kind == DocumentChangeKind.Revocation ? DocumentTexts.RevocationNotRecorded : DocumentTexts.SupersessionNotRecorded).With(f.ErrorCode)),
        DocumentChangeFailure.OutboxUnavailable f => Problems.Problems.OutboxUnavailable(DocumentTexts.OutboxFailed(f.Failure)),
        DocumentChangeFailure.LegacyDocument f => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.LegacyDocumentNotSupersedable,
            "A document of registry 1.x cannot be superseded", DocumentTexts.WasAnchoredInRegistry1X.With(f.Digest, f.Registry)),
        DocumentChangeFailure.SuccessorTaken f => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AlreadyAnchored, "The digest is already anchored", DocumentTexts.IsAlreadyAnchoredOrQueued.With(f.Digest)),
        DocumentChangeFailure.ChainRefused f => ChainProblems.From(f.Error),
        _ => throw new System.Diagnostics.UnreachableException($"no problem for {failure}"),
    };

    // Keeping content is a power of its own: an anchoring key does not get it, and a node without a data key has none.
    private static ProblemHttpResult? KeepRefusal(HttpRequest http, RecordStore? records)
    {
        if (records is null)
        {
            return RecordProblems.NotConfigured();
        }

        return http.HttpContext.User.Identity is IScopedCaller caller && (caller.Scopes & ApiKeyScopes.Records) == 0
            ? Problems.Problems.InsufficientScope(ApiKeyScopes.Anchor | ApiKeyScopes.Records, caller.Scopes, caller.CallerName)
            : null;
    }

    private static ProblemHttpResult AnchoredByAnother(Digest digest)
        => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AnchoredByAnotherDepartment, "Another department anchors this digest", DocumentTexts.WasSubmittedByAnotherDepartment.With(digest));

    /// <summary>The 400 of a validUntil the chain cannot hold or that has passed, or null.</summary>
    internal static ProblemHttpResult? ValidUntilProblem(DateTimeOffset? validUntil)
        => RequestTimes.OutOfRange("validUntil", validUntil) is { } outOfRange ? outOfRange
            : validUntil is { } v && TimeChecks.HasPassed(v, DateTimeOffset.UtcNow)
            ? Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidValidUntil, "validUntil must be in the future", DocumentTexts.ValidUntilHasPassed.With(v))
            : null;
}
