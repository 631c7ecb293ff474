using System.Buffers.Text;
using System.Text.Json;
using EthGov.Api.Passkeys;
using EthGov.Application.Passkeys;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.MyData;

/// <summary>
/// A citizen signs in on the holder's node with the passkey bound to their record: the page asks for a challenge (random,
/// kept hashed, short-lived, used once), runs <c>navigator.credentials.get</c>, and the node checks the answer with the
/// same checks as a consent (origin, relying party id's hash, user present and verified, this challenge, the bound key's
/// signature) before it opens a citizen session in a cookie of its own. A citizen session is not a staff session: the
/// authentication schemes never see it, it carries no scope, and only the "My data" routes read it.
/// </summary>
public static class CitizenSignInApi
{
    /// <summary>The routes' prefix.</summary>
    public const string Route = "/api/v1/citizen";

    private const int MaxCredentialIdChars = 1400;
    private const int MaxClientDataChars = 2800;
    private const int MaxAuthenticatorDataChars = 1400;
    private const int MaxSignatureChars = 120;

    /// <summary>Maps /api/v1/citizen/sign-in and /api/v1/citizen/session.</summary>
    public static IEndpointRouteBuilder MapCitizenSignInApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("My data");
        group.MapPost("/sign-in/options", Options).WithName("CitizenSignInOptions")
            .WithSummary("A fresh sign-in challenge (used once, short-lived) for navigator.credentials.get");
        group.MapPost("/sign-in", SignIn).WithName("CitizenSignIn")
            .WithSummary("Sign in with the passkey bound to one's record: the node checks the assertion and opens a citizen session (cookie)");
        group.MapGet("/session", Session).WithName("CitizenSession")
            .WithSummary("The citizen session the cookie opens: which passkey, until when");
        group.MapDelete("/session", SignOut).WithName("CitizenSignOut")
            .WithSummary("Sign out: the session ends on this node and the cookie is dropped");
        return app;
    }

    /// <summary>A new challenge.</summary>
    public static async Task<Results<Ok<SignInOptionsResponse>, ProblemHttpResult>> Options(PasskeySite site, CitizenSessions sessions, CancellationToken cancellationToken)
    {
        if (site.Party is not { } party)
        {
            return PasskeyProblems.NotConfiguredProblem();
        }

        return await sessions.IssueChallengeAsync(site.Options.SignInChallengeLifetime, cancellationToken) is { } issued
            ? TypedResults.Ok(new SignInOptionsResponse(Base64Url.EncodeToString(issued.Challenge), party.RpId, issued.ExpiresAt))
            : CitizenProblems.SignInBusyProblem();
    }

    /// <summary>Checks the assertion and opens a session.</summary>
    public static async Task<Results<Ok<CitizenSessionResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, PasskeySite site, CitizenSessions sessions, PasskeyBindingStore bindings, CancellationToken cancellationToken)
    {
        if (site.Party is not { } party)
        {
            return PasskeyProblems.NotConfiguredProblem();
        }

        if (!PasskeysApi.TryDecode(request.CredentialId, MaxCredentialIdChars, out var credentialId)
            || !PasskeysApi.TryDecode(request.ClientDataJson, MaxClientDataChars, out var clientData)
            || !PasskeysApi.TryDecode(request.AuthenticatorData, MaxAuthenticatorDataChars, out var authenticatorData)
            || !PasskeysApi.TryDecode(request.Signature, MaxSignatureChars, out var signature))
        {
            return Problems.Problems.InvalidRequest(MyDataTexts.CredentialIdClientDataJsonAuthenticatorDataAndSignatureThe);
        }

        // The challenge the client data names is looked up here; the assertion checks below then hold it to exactly that.
        if (ChallengeIn(clientData) is not { Length: 32 } given)
        {
            return PasskeyProblems.Of(PasskeyRefusal.Of(PasskeyFault.ClientDataNoChallenge));
        }

        var challenge = await sessions.FindChallengeAsync(given, cancellationToken);
        if (challenge is null)
        {
            return PasskeyProblems.Of(PasskeyRefusal.Of(PasskeyFault.ChallengeNotForSignIn));
        }

        if (challenge.UsedAt is not null)
        {
            return CitizenProblems.ChallengeUsedProblem(challenge.UsedAt);
        }

        if (challenge.ExpiresAt <= DateTimeOffset.UtcNow)
        {
            return CitizenProblems.ChallengeExpiredProblem(challenge.ExpiresAt);
        }

        if ((await bindings.LiveByCredentialAsync(credentialId, 1, cancellationToken)) is not [var binding])
        {
            return CitizenProblems.PasskeyNotRegisteredProblem();
        }

        var check = party.CheckAssertion(clientData, authenticatorData, signature, binding, new Digest(given));
        if (!check.Passed)
        {
            return PasskeyProblems.Of(check.Refusal);
        }

        // Used in the same transaction that opens the session: of two sign-ins racing with one challenge, one wins.
        if (await sessions.OpenAsync(challenge.Id, binding.PasskeyId, site.Options.SessionLifetime, cancellationToken) is not { } opened)
        {
            return CitizenProblems.ChallengeUsedProblem(null);
        }

        CitizenCookie.Set(http, opened.Token, opened.ExpiresAt);
        return TypedResults.Ok(new CitizenSessionResponse(binding.PasskeyId, opened.ExpiresAt));
    }

    /// <summary>The session the cookie opens.</summary>
    public static async Task<Results<Ok<CitizenSessionResponse>, ProblemHttpResult>> Session(HttpContext http, CitizenSessions sessions, CancellationToken cancellationToken)
        => await CitizenCookie.SessionAsync(http, sessions, cancellationToken) is { } session
            ? TypedResults.Ok(new CitizenSessionResponse(session.PasskeyId, session.ExpiresAt))
            : CitizenProblems.SessionRequiredProblem();

    /// <summary>Ends the session and drops the cookie; answers 204 whether or not one was open.</summary>
    public static async Task<NoContent> SignOut(HttpContext http, CitizenSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.CloseAsync(CitizenCookie.Token(http), cancellationToken);
        CitizenCookie.Clear(http);
        return TypedResults.NoContent();
    }

    private static byte[]? ChallengeIn(byte[] clientDataJson)
    {
        if (clientDataJson.Length > PasskeyRelyingParty.MaxClientDataBytes)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(clientDataJson, new JsonDocumentOptions { MaxDepth = 4 });
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("challenge", out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: <= 64 } text
                ? Base64Url.DecodeFromChars(text)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }
}
