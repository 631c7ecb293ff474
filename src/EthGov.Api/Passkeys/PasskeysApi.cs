using System.Buffers.Text;
using System.Security.Cryptography;
using EthGov.Api.Auth;
using EthGov.Api.Problems;
using EthGov.Api.Records;
using EthGov.Application.ApiKeys;
using EthGov.Application.Passkeys;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EthGov.Api.Passkeys;

/// <summary>
/// Binding a record this node holds to a citizen's passkey. A clerk (scope <c>records</c>) asks for a one-time code for a
/// record; the citizen opens this node's page with it, the page runs <c>navigator.credentials.create</c>, and the node
/// checks the answer and keeps the binding record → passkey id with the public key. Nothing of it goes on chain. A lost
/// passkey: the clerk revokes the binding and issues a new code.
/// </summary>
public static class PasskeysApi
{
    /// <summary>The page a registration link opens; the code travels in the fragment, which no request carries.</summary>
    public const string RegistrationPage = "/passkeys/register";

    // Base64url of the largest answers read: client data (2 KB) and an attestation object with a long credential id.
    private const int MaxClientDataChars = 2800;
    private const int MaxAttestationChars = 8192;

    /// <summary>Maps the clerk's routes under /api/v1/records/{digest}/passkey and the citizen's under /api/v1/passkeys.</summary>
    public static IEndpointRouteBuilder MapPasskeysApi(this IEndpointRouteBuilder app)
    {
        var clerk = app.MapGroup("/api/v1/records/{digest}").WithTags("Passkeys").RequireScope(ApiKeyScopes.Records);
        clerk.MapPost("/passkey-codes", IssueCode).WithName("IssuePasskeyCode")
            .WithSummary("Issue a one-time code with which the record's subject (or a guardian) binds a passkey to the record; shown once")
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        clerk.MapGet("/passkey", GetBinding).WithName("GetPasskeyBinding")
            .WithSummary("The passkey a record is bound to: its id as a passkey consent grant names it, the role and when")
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        clerk.MapDelete("/passkey", RevokeBinding).WithName("RevokePasskeyBinding")
            .WithSummary("Revoke a record's passkey binding (a lost passkey, after an identity check); its consents stop releasing")
            .AddEndpointFilter(ActingDepartment.RequireActiveDepartment);

        var citizen = app.MapGroup("/api/v1/passkeys/registrations").WithTags("Passkeys");
        citizen.MapPost("/options", Options).WithName("PasskeyRegistrationOptions")
            .WithSummary("Start registering a passkey with a registration code: the options for navigator.credentials.create");
        citizen.MapPost("/", Register).WithName("RegisterPasskey")
            .WithSummary("Finish registering: the node checks the new passkey (P-256, user verified, this origin) and binds the code's record to it");
        return app;
    }

    /// <summary>Issues a registration code.</summary>
    public static async Task<Results<Created<RegistrationCodeResponse>, ProblemHttpResult>> IssueCode(
        string digest, RegistrationCodeRequest? request, ActingDepartment caller, [FromServices] RecordStore? records, PasskeyBindingStore bindings, PasskeySite site,
        CancellationToken cancellationToken)
    {
        if (site.Party is not { } party)
        {
            return PasskeyProblems.NotConfiguredProblem();
        }

        if (PasskeyRoleNames.Parse(request?.Role ?? "self") is not { } role)
        {
            return Problems.Problems.InvalidRequest(PasskeyTexts.RoleSelfOrGuardian);
        }

        var (record, problem) = await OwnRecordAsync(digest, caller.Department.Id, records, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await bindings.LiveAsync(record!.Digest, cancellationToken) is not null)
        {
            return PasskeyProblems.AlreadyBoundProblem(record.Digest);
        }

        var (code, expiresAt) = await bindings.IssueCodeAsync(record.Digest, caller.Department.Id, role, site.Options.CodeLifetime, cancellationToken);
        return TypedResults.Created($"/api/v1/records/{record.Digest}/passkey",
            new RegistrationCodeResponse(code, PasskeyRoleNames.Name(role), expiresAt, party.Origin + RegistrationPage + "#" + code));
    }

    /// <summary>A record's binding.</summary>
    public static async Task<Results<Ok<PasskeyBindingResponse>, ProblemHttpResult>> GetBinding(
        string digest, ActingDepartment caller, [FromServices] RecordStore? records, PasskeyBindingStore bindings, CancellationToken cancellationToken)
    {
        var (record, problem) = await OwnRecordAsync(digest, caller.Department.Id, records, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await bindings.LiveAsync(record!.Digest, cancellationToken) is { } binding
            ? TypedResults.Ok(new PasskeyBindingResponse(binding.RecordId, binding.PasskeyId, PasskeyRoleNames.Name(binding.Role), binding.BoundAt))
            : PasskeyProblems.NotBoundProblem(record.Digest);
    }

    /// <summary>Revokes a record's binding.</summary>
    public static async Task<Results<Ok<PasskeyRevokedResponse>, ProblemHttpResult>> RevokeBinding(
        string digest, ActingDepartment caller, [FromServices] RecordStore? records, PasskeyBindingStore bindings, CancellationToken cancellationToken)
    {
        var (record, problem) = await OwnRecordAsync(digest, caller.Department.Id, records, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await bindings.RevokeAsync(record!.Digest, cancellationToken) is { } revokedAt
            ? TypedResults.Ok(new PasskeyRevokedResponse(record.Digest, revokedAt))
            : PasskeyProblems.NotBoundProblem(record.Digest);
    }

    /// <summary>The creation options for a code, with a fresh challenge kept with the code.</summary>
    public static async Task<Results<Ok<RegistrationOptionsResponse>, ProblemHttpResult>> Options(
        RegistrationOptionsRequest request, PasskeyBindingStore bindings, PasskeySite site, Departments.DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (site.Party is not { } party)
        {
            return PasskeyProblems.NotConfiguredProblem();
        }

        var code = RegistrationCode.Hash(request.Code) is { } hash ? await bindings.FindCodeAsync(hash, cancellationToken) : null;
        if (PasskeyProblems.OfCode(code, DateTimeOffset.UtcNow) is { } refused)
        {
            return refused;
        }

        var challenge = RandomNumberGenerator.GetBytes(32);
        await bindings.SetChallengeAsync(code!.Id, challenge, cancellationToken);
        var department = await directory.FindAsync(code.Department, cancellationToken);
        var name = department.IsSuccess && department.Value is { } d ? d.Name : "EthGov";
        return TypedResults.Ok(new RegistrationOptionsResponse(
            Base64Url.EncodeToString(challenge), party.RpId, name, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            $"{name} record {code.RecordId.ToString()[..10]}", PasskeyRoleNames.Name(code.Role)));
    }

    /// <summary>Checks a new passkey and binds the code's record to it.</summary>
    public static async Task<Results<Created<PasskeyBindingResponse>, ProblemHttpResult>> Register(
        RegistrationRequest request, PasskeyBindingStore bindings, PasskeySite site, CancellationToken cancellationToken)
    {
        if (site.Party is not { } party)
        {
            return PasskeyProblems.NotConfiguredProblem();
        }

        if (!TryDecode(request.ClientDataJson, MaxClientDataChars, out var clientData) || !TryDecode(request.AttestationObject, MaxAttestationChars, out var attestation))
        {
            return Problems.Problems.InvalidRequest(PasskeyTexts.ClientDataJsonAndAttestationObjectTheResponseOf);
        }

        var code = RegistrationCode.Hash(request.Code) is { } hash ? await bindings.FindCodeAsync(hash, cancellationToken) : null;
        if (PasskeyProblems.OfCode(code, DateTimeOffset.UtcNow) is { } refused)
        {
            return refused;
        }

        if (code!.Challenge is not { } challenge)
        {
            return PasskeyProblems.Of(PasskeyRefusal.Of(PasskeyFault.NoChallengeForCode));
        }

        var check = party.CheckRegistration(clientData, attestation, challenge);
        if (!check.Passed)
        {
            return PasskeyProblems.Of(check.Refusal);
        }

        var (outcome, binding) = await bindings.BindRecordAsync(code, check.Value, cancellationToken);
        return outcome switch
        {
            BindOutcome.Bound => TypedResults.Created($"/api/v1/records/{binding!.RecordId}/passkey",
                new PasskeyBindingResponse(binding.RecordId, binding.PasskeyId, PasskeyRoleNames.Name(binding.Role), binding.BoundAt)),
            BindOutcome.AlreadyBound => PasskeyProblems.AlreadyBoundProblem(code.RecordId),
            // Used (or expired) by another request between the check above and the binding's transaction: a code never binds twice.
            _ => PasskeyProblems.OfCode(code with { UsedAt = code.UsedAt ?? DateTimeOffset.UtcNow }, DateTimeOffset.UtcNow)!,
        };
    }

    /// <summary>Base64url text of at most <paramref name="maxChars"/> characters, decoded.</summary>
    internal static bool TryDecode(string? text, int maxChars, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text) || text.Length > maxChars)
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A record issued by <paramref name="department"/> and kept, with its content, on this node; otherwise the problem.</summary>
    internal static async Task<(StoredRecord? Record, ProblemHttpResult? Problem)> OwnRecordAsync(
        string digest, uint department, RecordStore? records, CancellationToken cancellationToken)
    {
        if (records is null)
        {
            return (null, RecordProblems.NotConfigured());
        }

        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return (null, Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error))));
        }

        var record = await records.GetAsync(parsed, cancellationToken);
        if (record is null || record.Department != department || record.Origin != RecordOrigin.Issued)
        {
            return (null, RecordProblems.NotFound(parsed));
        }

        return record.IsErased ? (null, RecordProblems.Erased(parsed, record.ErasedAt)) : (record, null);
    }
}
