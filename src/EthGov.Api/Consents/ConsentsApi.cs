using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Grants;
using EthGov.Api.Passkeys;
using EthGov.Api.Problems;
using EthGov.Api.Signers;
using EthGov.Application.ApiKeys;
using EthGov.Application.Passkeys;
using EthGov.Application.Records;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EthGov.Api.Consents;

/// <summary>
/// Consent by passkey, on the node that holds the record. A department (scope <c>grants</c>) asks for a consent and gets a
/// link; the citizen's page reads what is asked, gets the challenge (the EIP-712 digest the registry recomputes, with the
/// bound passkey's nonce and a deadline), runs <c>navigator.credentials.get</c> and posts the assertion; the node checks
/// it (origin, relying party, user verification, signature by the bound passkey, this very challenge) and relays it to
/// the chain with the holding department's signer. The same link later revokes the consent with the same passkey.
/// </summary>
public static class ConsentsApi
{
    /// <summary>The page a consent link opens; the token travels in the fragment.</summary>
    public const string ConsentPage = "/consent";

    private const int MaxClientDataChars = 2800;
    private const int MaxAuthenticatorDataChars = 1400;
    private const int MaxSignatureChars = 120;

    /// <summary>Maps /api/v1/consent-requests.</summary>
    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/consent-requests").WithTags("Consents");
        group.MapPost("/", Create).WithName("CreateConsentRequest")
            .WithSummary("Ask the passkey bound to a record for consent to another department's access: a link to this node's consent page")
            .RequireScope(ApiKeyScopes.Grants).AddEndpointFilter(ActingDepartment.RequireActiveDepartment);
        group.MapGet("/{token}", Get).WithName("GetConsentRequest")
            .WithSummary("What a consent request asks (departments, record, purpose, use, retention, fetches, expiry) and where it stands");
        group.MapPost("/{token}/challenge", Challenge).WithName("GetConsentChallenge")
            .WithSummary("The challenge of the request's next step (consent, then revocation): the EIP-712 digest the registry recomputes");
        group.MapPost("/{token}/assertion", Assert).WithName("PostConsentAssertion")
            .WithSummary("The passkey's assertion over the challenge: checked here, relayed to the chain; answers with the grant id");
        return app;
    }

    /// <summary>Makes a consent request.</summary>
    public static async Task<Results<Created<ConsentRequestCreatedResponse>, ProblemHttpResult>> Create(
        CreateConsentRequest request, ActingDepartment caller, [FromServices] RecordStore? records, PasskeyBindingStore bindings, ConsentRequestStore consents,
        PasskeySite site, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (site.Party is not { } party)
        {
            return PasskeyProblems.NotConfiguredProblem();
        }

        if (GrantsApi.CommonProblem(request.Purpose, request.ExpiresAt) is { } invalid)
        {
            return invalid;
        }

        // The registry refuses a consent its subject could not revoke: refused here before anything is asked of the citizen.
        var (terms, termsProblem) = GrantsApi.ReadTerms(request.Terms, GrantBasis.PasskeyConsent);
        if (termsProblem is not null)
        {
            return termsProblem;
        }

        var (record, problem) = await PasskeysApi.OwnRecordAsync(request.RecordId ?? string.Empty, caller.Department.Id, records, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var grantee = await GrantsApi.GranteeAsync(request.GranteeDepartment, directory, cancellationToken);
        if (grantee.Problem is { } granteeProblem)
        {
            return granteeProblem;
        }

        if (await bindings.LiveAsync(record!.Digest, cancellationToken) is null)
        {
            return PasskeyProblems.NotBoundProblem(record.Digest);
        }

        var (token, made) = await consents.CreateAsync(record.Digest, caller.Department.Id, grantee.Id, (ushort)request.Purpose!.Value, request.ExpiresAt!.Value, terms!,
            site.Options.ConsentLinkLifetime, cancellationToken);
        return TypedResults.Created($"/api/v1/consent-requests/{token}", new ConsentRequestCreatedResponse(token, party.Origin + ConsentPage + "#" + token, made.ValidUntil));
    }

    /// <summary>What a request asks.</summary>
    public static async Task<Results<Ok<ConsentRequestView>, ProblemHttpResult>> Get(
        string token, ConsentRequestStore consents, [FromServices] RecordStore? records, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (await consents.FindAsync(token, cancellationToken) is not { } request)
        {
            return ConsentProblems.NotFoundProblem();
        }

        var holder = await directory.FindAsync(request.Department, cancellationToken);
        var grantee = await directory.FindAsync(request.Grantee, cancellationToken);
        if (!holder.IsSuccess || !grantee.IsSuccess)
        {
            return ChainProblems.From((holder.IsSuccess ? grantee.Error : holder.Error)!);
        }

        var kind = records is null ? null : (await records.GetAsync(request.RecordId, cancellationToken))?.Kind;
        var state = request.RevokedAt is not null ? "revoked" : request.GrantId is not null ? "granted" : request.ValidUntil <= DateTimeOffset.UtcNow ? "expired" : "asked";
        return TypedResults.Ok(new ConsentRequestView(request.RecordId, kind, Department(holder.Value, request.Department), Department(grantee.Value, request.Grantee),
            request.Purpose, EthGov.Core.Purposes.GrantPurposes.Find(request.Purpose)?.Name, request.ExpiresAt, GrantTermsResponse.From(request.Terms), request.ValidUntil, state, Id(request.GrantId)));
    }

    /// <summary>The challenge of the next step, with a new deadline kept with the request.</summary>
    public static async Task<Results<Ok<ConsentChallengeResponse>, ProblemHttpResult>> Challenge(
        string token, ConsentRequestStore consents, PasskeyBindingStore bindings, PasskeySite site, DepartmentDirectory directory, PasskeyChallenges challenges,
        CancellationToken cancellationToken)
        => await ChallengeForAsync(await consents.FindAsync(token, cancellationToken), consents, bindings, site, directory, challenges, cancellationToken);

    /// <summary>The challenge of <paramref name="request"/>'s next step (null: no such request), however the request was found.</summary>
    internal static async Task<Results<Ok<ConsentChallengeResponse>, ProblemHttpResult>> ChallengeForAsync(
        ConsentRequest? request, ConsentRequestStore consents, PasskeyBindingStore bindings, PasskeySite site, DepartmentDirectory directory, PasskeyChallenges challenges,
        CancellationToken cancellationToken)
    {
        var (step, problem) = await NextStepAsync(request, bindings, site, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var nonce = await directory.Reader.Grants.PasskeyNonceAsync(step!.Binding.PasskeyId);
        if (!nonce.IsSuccess)
        {
            return ChainProblems.From(nonce.Error);
        }

        // The registry checks the deadline against the block's time, which may run ahead of this clock: the later of the two.
        var head = await directory.Reader.HeadTimeAsync();
        if (!head.IsSuccess)
        {
            return ChainProblems.From(head.Error);
        }

        var now = DateTimeOffset.UtcNow > head.Value ? DateTimeOffset.UtcNow : head.Value;
        var deadline = DateTimeOffset.FromUnixTimeSeconds((now + site.Options.ChallengeLifetime).ToUnixTimeSeconds());
        await consents.SetDeadlineAsync(step.Request.Id, deadline, cancellationToken);
        var challenge = ChallengeOf(step, challenges, nonce.Value, deadline);
        return TypedResults.Ok(new ConsentChallengeResponse(step.Action, Base64Url.EncodeToString(challenge.ToArray()), deadline, site.Party!.RpId,
            Base64Url.EncodeToString(step.Binding.CredentialId)));
    }

    /// <summary>Checks the assertion over the challenge handed out last and relays it to the chain.</summary>
    public static async Task<Results<Created<ConsentRecordedResponse>, Ok<ConsentRecordedResponse>, ProblemHttpResult>> Assert(
        string token, ConsentAssertionRequest assertion, ConsentRequestStore consents, PasskeyBindingStore bindings, PasskeySite site, DepartmentDirectory directory,
        DepartmentSigners signers, PasskeyChallenges challenges, CancellationToken cancellationToken)
        => await AssertForAsync(await consents.FindAsync(token, cancellationToken), assertion, consents, bindings, site, directory, signers, challenges, cancellationToken);

    /// <summary>Checks the assertion for <paramref name="found"/> (null: no such request) and relays it, however the request was found.</summary>
    internal static async Task<Results<Created<ConsentRecordedResponse>, Ok<ConsentRecordedResponse>, ProblemHttpResult>> AssertForAsync(
        ConsentRequest? found, ConsentAssertionRequest assertion, ConsentRequestStore consents, PasskeyBindingStore bindings, PasskeySite site, DepartmentDirectory directory,
        DepartmentSigners signers, PasskeyChallenges challenges, CancellationToken cancellationToken)
    {
        if (!PasskeysApi.TryDecode(assertion.ClientDataJson, MaxClientDataChars, out var clientData)
            || !PasskeysApi.TryDecode(assertion.AuthenticatorData, MaxAuthenticatorDataChars, out var authenticatorData)
            || !PasskeysApi.TryDecode(assertion.Signature, MaxSignatureChars, out var signature))
        {
            return Problems.Problems.InvalidRequest(ConsentTexts.ClientDataJsonAuthenticatorDataAndSignatureTheResponse);
        }

        var (step, problem) = await NextStepAsync(found, bindings, site, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (step!.Request.Deadline is not { } deadline || deadline <= DateTimeOffset.UtcNow)
        {
            return PasskeyProblems.Of(PasskeyRefusal.Of(PasskeyFault.NoOpenChallenge));
        }

        var nonce = await directory.Reader.Grants.PasskeyNonceAsync(step.Binding.PasskeyId);
        if (!nonce.IsSuccess)
        {
            return ChainProblems.From(nonce.Error);
        }

        var check = site.Party!.CheckAssertion(clientData, authenticatorData, signature, step.Binding, ChallengeOf(step, challenges, nonce.Value, deadline));
        if (!check.Passed)
        {
            return PasskeyProblems.Of(check.Refusal);
        }

        var holder = await directory.FindAsync(step.Request.Department, cancellationToken);
        if (!holder.IsSuccess)
        {
            return ChainProblems.From(holder.Error);
        }

        if (holder.Value is not { } department || signers.For(department.Code) is not { } relayer)
        {
            return Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, PasskeyProblems.NotConfigured, "This node cannot relay the consent",
                ConsentTexts.TheDepartmentHoldingTheRecordHas);
        }

        var request = step.Request;
        if (step.Action == "consent")
        {
            var granted = await relayer.Grants.GrantByPasskeyAsync(request.RecordId, request.Grantee, request.Purpose, request.ExpiresAt, request.Terms, check.Value, deadline, cancellationToken);
            if (!granted.IsSuccess)
            {
                return ChainProblems.From(granted.Error);
            }

            await consents.SetGrantAsync(request.Id, granted.Value.GrantId, cancellationToken);
            var id = Id(granted.Value.GrantId)!;
            return TypedResults.Created("/api/v1/grants/" + id,
                new ConsentRecordedResponse("consent", id, "/api/v1/grants/" + id, granted.Value.Outcome.TransactionHash, granted.Value.Outcome.BlockNumber));
        }

        var revoked = await relayer.Grants.RevokeByPasskeyAsync(request.GrantId!.Value, check.Value, deadline, cancellationToken);
        if (!revoked.IsSuccess)
        {
            return ChainProblems.From(revoked.Error);
        }

        await consents.SetRevokedAsync(request.Id, cancellationToken);
        var grantId = Id(request.GrantId)!;
        return TypedResults.Ok(new ConsentRecordedResponse("revocation", grantId, "/api/v1/grants/" + grantId, revoked.Value.TransactionHash, revoked.Value.BlockNumber));
    }

    /// <summary>The request, its record's live binding and what is to be signed next; or why nothing can be.</summary>
    private static async Task<(Step? Step, ProblemHttpResult? Problem)> NextStepAsync(
        ConsentRequest? found, PasskeyBindingStore bindings, PasskeySite site, CancellationToken cancellationToken)
    {
        if (site.Party is null)
        {
            return (null, PasskeyProblems.NotConfiguredProblem());
        }

        if (found is not { } request)
        {
            return (null, ConsentProblems.NotFoundProblem());
        }

        if (request.RevokedAt is not null)
        {
            return (null, ConsentProblems.ClosedProblem(Id(request.GrantId)!));
        }

        if (request.GrantId is null && request.ValidUntil <= DateTimeOffset.UtcNow)
        {
            return (null, ConsentProblems.ExpiredProblem(request.ValidUntil));
        }

        return await bindings.LiveAsync(request.RecordId, cancellationToken) is { } binding
            ? (new Step(request, binding, request.GrantId is null ? "consent" : "revocation"), null)
            : (null, PasskeyProblems.NotBoundProblem(request.RecordId));
    }

    private static Digest ChallengeOf(Step step, PasskeyChallenges challenges, BigInteger nonce, DateTimeOffset deadline)
    {
        var request = step.Request;
        return step.Action == "consent"
            ? challenges.Consent(request.RecordId, request.Grantee, request.Purpose, request.ExpiresAt, request.Terms, step.Binding.PasskeyId, nonce, deadline)
            : challenges.Revocation(request.GrantId!.Value, step.Binding.PasskeyId, nonce, deadline);
    }

    private static ConsentDepartment Department(DepartmentInfo? department, uint id)
        => department is null ? new ConsentDepartment(id.ToString(CultureInfo.InvariantCulture), string.Empty) : new ConsentDepartment(department.Code, department.Name);

    private static string? Id(BigInteger? id) => id?.ToString(CultureInfo.InvariantCulture);

    private sealed record Step(ConsentRequest Request, PasskeyBinding Binding, string Action);
}
