using System.Globalization;
using System.Numerics;
using System.Text.Json;
using EthGov.Api.Auth;
using EthGov.Api.Documents;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Application.ApiKeys;
using EthGov.Application.Time;
using EthGov.Chain.Abi;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Chain.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Nethereum.Util;

namespace EthGov.Api.Departments;

/// <summary>
/// A department's keys: every key id it ever held, its time-locked changes to them (requested by one key, applied by
/// any after the registry's delay, cancellable until then, so one stolen key cannot complete them alone), and
/// compromise reports, which take effect at once. Writes act for the API key's department.
/// </summary>
public static class KeysApi
{
    private const string ChangeRoute = "/api/v1/departments/signer-changes/";
    private const int DefaultChangesPerPage = 20;

    // Each change is one chain read, and a page reads at most SignerChangeOperations.MaxExaminedPerScan ids.
    private const int MaxChangesPerPage = 100;

    /// <summary>Maps the key routes under /api/v1/departments.</summary>
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/departments").WithTags("Keys");
        open.MapGet("/{code}/keys", ListKeys).WithName("ListDepartmentKeys")
            .WithSummary("Every key a department ever held, by key id: current, removed, or compromised since when");
        open.MapGet("/signer-changes/{id}", GetChange).WithName("GetSignerChange").WithSummary("One key change, read from the chain");
        open.MapGet("/{code}/signer-changes", ListChanges).WithName("ListSignerChanges")
            .WithSummary("A department's key changes, newest first, a page at a time: pending ones only unless status=all");

        var write = app.MapGroup("/api/v1/departments").WithTags("Keys")
            .RequireScope(ApiKeyScopes.Governance).AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        write.MapPost("/signer-changes", RequestChange).WithName("RequestSignerChange")
            .WithSummary("Request adding (with the new key's consent) or removing a key of the caller's department; it can be applied after the registry's delay");
        write.MapPost("/signer-changes/{id}/application", ApplyChange).WithName("ApplySignerChange")
            .WithSummary("Apply a key change of the caller's department once its delay has passed");
        write.MapPost("/signer-changes/{id}/cancellation", CancelChange).WithName("CancelSignerChange")
            .WithSummary("Cancel a pending key change of the caller's department");
        write.MapPost("/compromise-reports", ReportCompromise).WithName("ReportCompromisedKey")
            .WithSummary("Report a key of the caller's department compromised since a time, with immediate effect");
        return app;
    }

    /// <summary>A department's keys.</summary>
    public static async Task<Results<Ok<KeyResponse[]>, ProblemHttpResult>> ListKeys(string code, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        var found = await directory.FindAsync(code, cancellationToken);
        if (!found.IsSuccess)
        {
            return ChainProblems.From(found.Error);
        }

        if (found.Value is not { } department)
        {
            return DepartmentsApi.DepartmentNotFound(code);
        }

        var keys = await directory.Reader.Keys.ListAsync(department.Id);
        return keys.IsSuccess ? TypedResults.Ok(keys.Value.Select(KeyResponse.From).ToArray()) : ChainProblems.From(keys.Error);
    }

    /// <summary>One key change.</summary>
    public static async Task<Results<Ok<SignerChangeResponse>, ProblemHttpResult>> GetChange(string id, DepartmentDirectory directory)
    {
        if (!ProposalIds.TryParse(id, out var changeId))
        {
            return InvalidId();
        }

        var change = await directory.Reader.SignerChanges.GetAsync(changeId);
        return change.IsSuccess ? TypedResults.Ok(SignerChangeResponse.From(change.Value)) : ChainProblems.From(change.Error);
    }

    /// <summary>A department's key changes, newest first.</summary>
    public static async Task<Results<Ok<Page<SignerChangeResponse>>, ProblemHttpResult>> ListChanges(
        string code, string? status, string? cursor, int? pageSize, HttpRequest http, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (status is not (null or "pending" or "all"))
        {
            return Problems.Problems.InvalidRequest(DepartmentTexts.StatusPendingTheDefaultOrAll);
        }

        // The chain is scanned change by change from the newest: a page starts below the id its cursor names.
        if (PageRequest.Read(cursor, pageSize ?? DefaultChangesPerPage, "signer-changes", 1, out var invalid, MaxChangesPerPage) is not { } page)
        {
            return invalid!;
        }

        BigInteger? before = page.After is [var after] ? after : null;

        var found = await directory.FindAsync(code, cancellationToken);
        if (!found.IsSuccess)
        {
            return ChainProblems.From(found.Error);
        }

        if (found.Value is not { } department)
        {
            return DepartmentsApi.DepartmentNotFound(code);
        }

        var all = status == "all";
        var scanned = await directory.Reader.SignerChanges.ScanAsync(
            c => c.DepartmentId == department.Id && (all || c.Status == SignerChangeStatus.Pending), before, page.Size);
        if (!scanned.IsSuccess)
        {
            return ChainProblems.From(scanned.Error);
        }

        var (changes, next) = scanned.Value;
        return TypedResults.Ok(new Page<SignerChangeResponse>(
            [.. changes.Select(SignerChangeResponse.From)], next is { } n ? PageRequest.NextLink(http, "signer-changes", (long)n) : null));
    }

    /// <summary>Requests a key change.</summary>
    public static async Task<Results<Created<SignerChangeCreatedResponse>, ProblemHttpResult>> RequestChange(
        SignerChangeRequest request, ActingDepartment caller, DepartmentDirectory directory, Deployment deployment, CancellationToken cancellationToken)
    {
        if (request.Signer is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(request.Signer))
        {
            return Problems.Problems.InvalidRequest(DepartmentTexts.SignerTheKeySAddress0x);
        }

        ChainResult<(TransactionOutcome Outcome, BigInteger ChangeId)> sent;
        switch (request.Kind)
        {
            case SignerChangeKind.AddSigner:
                var nonce = await directory.Reader.Documents.NonceAsync(request.Signer);
                if (!nonce.IsSuccess)
                {
                    return ChainProblems.From(nonce.Error);
                }

                var (consent, problem) = CheckConsent(request, caller, deployment, nonce.Value);
                if (consent is null)
                {
                    return InvalidConsent(problem!);
                }

                sent = await caller.Signer.Departments.RequestAddSignerAsync(request.Signer, consent.Deadline, consent.Signature, cancellationToken);
                break;
            case SignerChangeKind.RemoveSigner:
                sent = await caller.Signer.Departments.RequestRemoveSignerAsync(request.Signer, cancellationToken);
                break;
            default:
                return Problems.Problems.InvalidRequest(DepartmentTexts.KindAddSignerOrRemoveSigner);
        }

        if (!sent.IsSuccess)
        {
            return ChainProblems.From(sent.Error);
        }

        var change = await directory.Reader.SignerChanges.GetAsync(sent.Value.ChangeId);
        if (!change.IsSuccess)
        {
            return ChainProblems.From(change.Error);
        }

        var id = sent.Value.ChangeId.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Created(ChangeRoute + id,
            new SignerChangeCreatedResponse(id, ChangeRoute + id, change.Value.ExecutableAt, sent.Value.Outcome.TransactionHash, sent.Value.Outcome.BlockNumber));
    }

    /// <summary>Applies a key change.</summary>
    public static async Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> ApplyChange(
        string id, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (!ProposalIds.TryParse(id, out var changeId))
        {
            return InvalidId();
        }

        var sent = await caller.Signer.Departments.ApplySignerChangeAsync(changeId, cancellationToken);
        directory.Invalidate();
        return Answer(sent);
    }

    /// <summary>Cancels a key change.</summary>
    public static async Task<Results<Ok<TransactionResponse>, ProblemHttpResult>> CancelChange(string id, ActingDepartment caller, CancellationToken cancellationToken)
    {
        if (!ProposalIds.TryParse(id, out var changeId))
        {
            return InvalidId();
        }

        return Answer(await caller.Signer.Departments.CancelSignerChangeAsync(changeId, cancellationToken));
    }

    /// <summary>Reports a key compromised.</summary>
    public static async Task<Results<Ok<CompromiseReportResponse>, ProblemHttpResult>> ReportCompromise(
        CompromiseReportRequest request, ActingDepartment caller, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (request.Key is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(request.Key))
        {
            return Problems.Problems.InvalidRequest(DepartmentTexts.KeyTheCompromisedKeySAddress);
        }

        if (CompromisedSinceProblem(request.CompromisedSince) is { } invalid)
        {
            return invalid;
        }

        var sent = await caller.Signer.Departments.ReportCompromisedKeyAsync(request.Key, request.CompromisedSince!.Value, cancellationToken);
        if (!sent.IsSuccess)
        {
            return ChainProblems.From(sent.Error);
        }

        directory.Invalidate();
        var standing = await directory.Reader.Keys.OfAsync(request.Key);
        return standing.IsSuccess
            ? TypedResults.Ok(new CompromiseReportResponse(request.Key, standing.Value.DepartmentId, standing.Value.KeyId, standing.Value.CompromisedSince,
                sent.Value.TransactionHash, sent.Value.BlockNumber))
            : ChainProblems.From(standing.Error);
    }

    /// <summary>
    /// 400 for a missing time or one before 1970 (the chain would read it as a time far in the future). One in the future
    /// the registry refuses by its own clock, with the same problem type.
    /// </summary>
    internal static ProblemHttpResult? CompromisedSinceProblem(DateTimeOffset? since)
        => since is not { } s ? Problems.Problems.InvalidRequest(DepartmentTexts.CompromisedSinceWhenTheCompromiseBeganIs)
            : TimeChecks.IsBeforeFirstChainSecond(s)
                ? Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidCompromisedSince, "compromisedSince must be after 1970 and not in the future",
                    DepartmentTexts.CompromisedSinceLiesBefore1970.With(s))
                : null;

    // The registry would refuse a consent that does not match (InvalidSignature, ExpiredSignature): say what differs instead.
    private static (SignerConsent? Consent, ProblemText? Problem) CheckConsent(SignerChangeRequest request, ActingDepartment caller, Deployment deployment, BigInteger nonce)
    {
        var text = request.Consent switch
        {
            { ValueKind: JsonValueKind.String } token => token.GetString(),
            { ValueKind: JsonValueKind.Object } file => file.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            return (null, DepartmentTexts.ConsentRequired);
        }

        var (departmentId, signer) = (caller.Department.Id, request.Signer!);
        if (!SignerConsent.TryParse(text, deployment.ChainId, deployment.Registry, departmentId, signer, nonce, out var consent, out SignerConsentFault? unread, out var notJson))
        {
            return (null, DepartmentTexts.ConsentUnread(unread!.Value, notJson));
        }

        var mismatch = consent!.MismatchOf(deployment.ChainId, deployment.Registry, departmentId, signer, nonce, DateTimeOffset.UtcNow);
        return mismatch is not { } fault ? (consent, null)
            : (null, DepartmentTexts.ConsentMismatch(consent, fault, deployment.ChainId, deployment.Registry, departmentId, signer, nonce));
    }

    private static ProblemHttpResult InvalidConsent(ProblemText detail)
        => Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidConsent, "The new key's consent does not allow this addition", detail);

    private static Results<Ok<TransactionResponse>, ProblemHttpResult> Answer(ChainResult<TransactionOutcome> sent)
        => sent.IsSuccess
            ? TypedResults.Ok(new TransactionResponse(sent.Value.TransactionHash, sent.Value.BlockNumber, sent.Value.BlockTime))
            : ChainProblems.From(sent.Error);

    private static ProblemHttpResult InvalidId() => Problems.Problems.InvalidRequest(DepartmentTexts.IdAPositiveChangeNumberIs);
}
