using System.Security.Claims;
using System.Text.Json;
using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Documents;
using EthGov.Api.Outbox;
using EthGov.Api.Problems;
using EthGov.Api.Requests;
using EthGov.Application.ApiKeys;
using EthGov.Application.Exchange.Erasure;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using EthGov.Core.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Records;

/// <summary>
/// The records a department keeps on its node: JSON records issued here (salted, kept encrypted, anchored), their content
/// read back by the department's own key, and erasure, which removes the content and keeps the anchor. Files are kept by
/// uploading them with <c>keep=true</c> (<see cref="DocumentsApi"/>).
/// </summary>
public static class RecordsApi
{
    private const string RecordRoute = "/api/v1/records/";

    // A JSON body carries the record's data escaped and beside other fields: room for both above the content limit.
    private const long JsonOverhead = 64 * 1024;

    /// <summary>Maps /api/v1/records.</summary>
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<RecordsOptions>>().Value.MaxRecordBytes;
        var records = app.MapGroup("/api/v1/records").WithTags("Records").RequireAuthorization();
        records.MapPost("/", Create).WithName("CreateRecord")
            .WithSummary("Issue a JSON record: salted, kept encrypted on this node, and anchored by its digest")
            .WithMetadata(new JsonBodyLimit(MaxBytes: limit + JsonOverhead))
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment)
            // It anchors a new document as well: a key that may only keep records must not be able to anchor this way.
            .RequireScope(ApiKeyScopes.Records | ApiKeyScopes.Anchor);
        records.MapGet("/{digest}", Get).WithName("GetRecord")
            .WithSummary("A record the caller's department keeps, with its media type; 410 once erased")
            .RequireScope(ApiKeyScopes.Records);
        records.MapDelete("/{digest}/content", Erase).WithName("EraseRecordContent")
            .WithSummary("Erase a record's content (an erasure request): the anchor and a tombstone stay")
            .RequireScope(ApiKeyScopes.Records);
        return app;
    }

    /// <summary>Builds, keeps and anchors a JSON record.</summary>
    public static async Task<Results<Created<RecordCreatedResponse>, ProblemHttpResult>> Create(
        CreateRecordRequest request, HttpRequest http, ActingDepartment caller, [FromServices] RecordStore? store, AnchorService anchors, DocumentResponses responses,
        CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return RecordProblems.NotConfigured();
        }

        if (!RecordKind.IsValidName(request.Kind))
        {
            return Problems.Problems.InvalidRequest(RecordTexts.KindGive1ToCharactersA.With(RecordKind.MaxNameLength));
        }

        if (request.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return Problems.Problems.InvalidRequest(RecordTexts.DataGiveAJSONObject);
        }

        if (request.Subject is { } subject && !SubjectCommitment.IsAddress(subject))
        {
            return Problems.Problems.InvalidRequest(RecordTexts.SubjectGiveAnAddress0xAnd);
        }

        if (request.Person is { } person && !IsPerson(person))
        {
            return Problems.Problems.InvalidRequest(RecordTexts.PersonGiveAnIdentifierOf1.With(PersonKey.MaxLength));
        }

        if (DocumentsApi.ValidUntilProblem(request.ValidUntil) is { } invalid)
        {
            return invalid;
        }

        var record = SaltedRecord.Create(request.Kind!, request.Subject, data);
        var content = new RecordContent(record.Digest, caller.Department.Id, SaltedRecord.MediaType, record.Bytes)
        {
            Kind = record.Kind,
            Subject = request.Subject,
            SubjectSalt = record.Salt,
            Person = request.Person,
        };

        // Anchored first, kept second, answered last: a retry after a failure makes a new salted record, so the content of
        // one never anchored must not stay behind; an anchor without kept content reveals nothing.
        try
        {
            await anchors.AcceptOneAsync(caller.Department.Id, record.Digest, ChainTime.ToSeconds(request.ValidUntil), null, cancellationToken,
                IssuedLabels.Read(null, null, request.Kind).Labels);
        }
        catch (OutboxUnavailableException ex)
        {
            return Problems.Problems.OutboxUnavailable(Documents.DocumentTexts.OutboxFailed(ex.Failure));
        }

        if (RecordProblems.Of(await store.PutAsync(content, cancellationToken), record.Digest, store.MaxRecordBytes) is { } refused)
        {
            return refused;
        }

        var status = await responses.StatusAsync(record.Digest, Problems.ProblemLanguages.Preferred(http), cancellationToken);
        var url = RecordRoute + record.Digest;
        return TypedResults.Created(url, new RecordCreatedResponse(
            record.Digest, record.Kind, "0x" + Convert.ToHexStringLower(record.Salt), record.Subject, url, status.StatusUrl + "/receipt", status));
    }

    /// <summary>A record's content, for its own department.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(
        string digest, ClaimsPrincipal user, HttpResponse response, [FromServices] RecordStore? store, DepartmentDirectory departments, CancellationToken cancellationToken)
    {
        var (record, problem) = await OwnRecordAsync(digest, user, store, departments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = record!.Digest;

        if (record.Content is not { } content)
        {
            return RecordProblems.Erased(parsed, record.ErasedAt);
        }

        // RFC 9530: lets a client check what it received against the record's id without parsing anything.
        response.Headers["Content-Digest"] = $"sha-256=:{Convert.ToBase64String(parsed.ToArray())}:";
        response.Headers.CacheControl = "no-store";
        return TypedResults.File(content, record.MediaType);
    }

    /// <summary>Erases a record's content.</summary>
    public static async Task<Results<Ok<RecordErasedResponse>, ProblemHttpResult>> Erase(
        string digest, ClaimsPrincipal user, [FromServices] RecordStore? store, DepartmentDirectory departments, ErasureNoticeStore notices,
        CancellationToken cancellationToken)
    {
        var (record, problem) = await OwnRecordAsync(digest, user, store, departments, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = record!.Digest;

        var erasedAt = await store!.EraseAsync(parsed, cancellationToken);

        // Every grantee the journal shows received it is told to erase its copy; the notices are written before the answer,
        // and the worker's catch-up writes them should the node stop in between.
        await notices.EnqueueAsync(parsed, cancellationToken);
        return TypedResults.Ok(new RecordErasedResponse(parsed, erasedAt!.Value));
    }

    /// <summary>
    /// The record a route names, when it belongs to the caller's department: a store that is configured, a digest that
    /// parses, a caller with a department, and a record of that department (another department's record is not found).
    /// </summary>
    private static async Task<(Application.Records.StoredRecord? Record, ProblemHttpResult? Problem)> OwnRecordAsync(
        string digest, ClaimsPrincipal user, RecordStore? store, DepartmentDirectory departments, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return (null, RecordProblems.NotConfigured());
        }

        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return (null, Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error))));
        }

        var (department, problem) = await CallerDepartmentAsync(user, departments, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var record = await store.GetAsync(parsed, cancellationToken);
        return record is null || record.Department != department ? (null, RecordProblems.NotFound(parsed)) : (record, null);
    }

    private static bool IsPerson(string person)
    {
        try
        {
            PersonKey.Normalize(person);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Reading and erasing stay open to a suspended department: its records and the erasure requests about them outlive
    // its right to issue.
    private static async Task<(uint Department, ProblemHttpResult? Problem)> CallerDepartmentAsync(
        ClaimsPrincipal user, DepartmentDirectory departments, CancellationToken cancellationToken)
    {
        if (ActingDepartment.CodeOf(user) is not { } code)
        {
            return (0, Problems.Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "An API key is required", RecordTexts.SendTheDepartmentSKeyIn.With(ApiKeyAuthentication.HeaderName)));
        }

        var found = await departments.FindAsync(code, cancellationToken);
        if (!found.IsSuccess)
        {
            return (0, ChainProblems.From(found.Error));
        }

        return found.Value is { } department
            ? (department.Id, null)
            : (0, Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The API key's department is not in the registry", RecordTexts.DepartmentIsUnknownToTheRegistry.With(code)));
    }
}
