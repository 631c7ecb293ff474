using System.Security.Claims;
using EthGov.Api.Page;
using EthGov.Application.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Staff;

/// <summary>
/// A clerk's session on the department's node: sign in with name and password, see who is signed in, change one's own
/// password, sign out. Each of them writes its audit line first (<see cref="StaffAudit"/>).
/// </summary>
public static class SessionApi
{
    /// <summary>The session's route.</summary>
    public const string Route = "/api/v1/session";

    /// <summary>Maps /api/v1/session.</summary>
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("Staff session");
        group.MapPost("/", SignIn).WithName("SignIn")
            .WithSummary("Sign a clerk in with name and password: sets the session cookie and answers the session's antiforgery token");
        group.MapGet("/", Get).WithName("GetSession")
            .WithSummary("Who is signed in, with which roles, and the antiforgery token for unsafe requests");
        group.MapDelete("/", SignOut).WithName("SignOut")
            .WithSummary("Sign the clerk out: every session of the account ends (needs the antiforgery token). A session begun at the department's "
                + "OpenID Connect provider answers 200 with the provider's end-session address, which the browser opens to end the provider's session too; otherwise 204");
        group.MapGet("/options", Options).WithName("GetSignInOptions")
            .WithSummary("How a clerk may sign in on this node: name and password, and the department's OpenID Connect provider when one is configured");
        group.MapGet("/oidc", StartOidc).WithName("StartOidcSignIn")
            .WithSummary("Sends the browser to the department's OpenID Connect provider; it comes back signed in as the clerk bound to that person. "
                + "Without a usable provider a browser's navigation (Accept: text/html) goes to the workspace with ?signin=noprovider or ?signin=providerdown; other clients get the problem");
        group.MapPost("/password", ChangePassword).WithName("ChangeOwnPassword")
            .WithSummary("Change the signed-in clerk's own password; other sessions of the account end");
        return app;
    }

    /// <summary>Signs a clerk in.</summary>
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, StaffSignIn signIn, StaffAudit audit, IAntiforgery antiforgery, IOptions<StaffOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await signIn.SignInAsync(request.Name, request.Password, cancellationToken) is not { } account)
        {
            return StaffProblems.SignInFailed();
        }

        try
        {
            await audit.WriteAsync(account.Name, account.Department, "SignIn", null, cancellationToken);
        }
        catch (StaffAuditUnavailableException)
        {
            return StaffProblems.AuditUnavailable();
        }

        return await StartAsync(http, new StaffIdentity(account), StaffSession.NewProperties(time.GetUtcNow()), antiforgery, options.Value);
    }

    /// <summary>The signed-in clerk.</summary>
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Get(HttpContext http, IAntiforgery antiforgery, IOptions<StaffOptions> options)
    {
        if (http.User.Identity is not StaffIdentity staff)
        {
            return StaffProblems.NoSession();
        }

        var session = await http.AuthenticateAsync(StaffSession.SchemeName);
        return TypedResults.Ok(Describe(http, staff, StaffSession.AbsoluteEnd(session.Properties ?? new(), options.Value), antiforgery));
    }

    /// <summary>The ways to sign in.</summary>
    public static Ok<SignInOptionsResponse> Options(IOptions<StaffOidcOptions> oidc)
        => TypedResults.Ok(new SignInOptionsResponse(true,
            oidc.Value.IsConfigured ? new OidcSignInOption(oidc.Value.DisplayName, Route + "/oidc") : null));

    /// <summary>Starts a sign-in at the department's provider (after reading its discovery document, so an unreachable provider is a problem, not a 500).</summary>
    public static async Task<Results<ChallengeHttpResult, RedirectHttpResult, ProblemHttpResult>> StartOidc(
        HttpContext http, IOptions<StaffOidcOptions> oidc, CancellationToken cancellationToken)
    {
        if (!oidc.Value.IsConfigured)
        {
            return StaffOidc.IsNavigation(http.Request) ? TypedResults.Redirect(StaffOidc.LandingFor(http, "noprovider")) : StaffProblems.OidcNotConfigured();
        }

        var handler = http.RequestServices.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>().Get(StaffOidc.SchemeName);
        try
        {
            await handler.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return StaffOidc.IsNavigation(http.Request) ? TypedResults.Redirect(StaffOidc.LandingFor(http, "providerdown")) : StaffProblems.OidcProviderUnavailable();
        }

        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = PageBase.Under(http, StaffOidc.LandingPath) }, [StaffOidc.SchemeName]);
    }

    /// <summary>
    /// Signs the clerk out, ending every session of the account (a copy of the cookie stops working too); a session begun
    /// at the provider also gets the provider's end-session address, when the provider publishes one.
    /// </summary>
    public static async Task<Results<NoContent, Ok<SignOutResponse>, ProblemHttpResult>> SignOut(
        HttpContext http, StaffAudit audit, StaffAccounts accounts, IOptions<StaffOidcOptions> oidc, CancellationToken cancellationToken)
    {
        if (http.User.Identity is not StaffIdentity staff)
        {
            return StaffProblems.NoSession();
        }

        try
        {
            await audit.WriteAsync(staff.Account.Name, staff.Account.Department, "SignOut", null, cancellationToken);
        }
        catch (StaffAuditUnavailableException)
        {
            return StaffProblems.AuditUnavailable();
        }

        var providerSignOut = staff.ViaProvider && oidc.Value.IsConfigured ? await StaffOidc.ProviderSignOutAsync(http, cancellationToken) : null;
        await accounts.EndSessionsAsync(staff.Account.Id, cancellationToken);
        await http.SignOutAsync(StaffSession.SchemeName);
        return providerSignOut is null ? TypedResults.NoContent() : TypedResults.Ok(new SignOutResponse(providerSignOut));
    }

    /// <summary>Changes the signed-in clerk's own password and renews the session with the account's new stamp.</summary>
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> ChangePassword(
        PasswordChangeRequest request, HttpContext http, StaffSignIn signIn, StaffAudit audit, IAntiforgery antiforgery,
        IOptions<StaffOptions> options, CancellationToken cancellationToken)
    {
        if (http.User.Identity is not StaffIdentity staff)
        {
            return StaffProblems.NoSession();
        }

        try
        {
            await audit.WriteAsync(staff.Account.Name, staff.Account.Department, "ChangeOwnPassword", null, cancellationToken);
        }
        catch (StaffAuditUnavailableException)
        {
            return StaffProblems.AuditUnavailable();
        }

        var (changed, refusal) = await signIn.ChangePasswordAsync(staff.Account, request.CurrentPassword, request.NewPassword, cancellationToken);
        if (refusal is not null)
        {
            return refusal.NotAllowed || refusal.Rejection is not { } rejection ? StaffProblems.SignInFailed() : StaffProblems.PasswordRejected(rejection);
        }

        var session = await http.AuthenticateAsync(StaffSession.SchemeName);
        return await StartAsync(http, new StaffIdentity(changed!, staff.ViaProvider), session.Properties ?? StaffSession.NewProperties(DateTimeOffset.UtcNow), antiforgery, options.Value);
    }

    // The antiforgery token is bound to the user it is made for: make it for the clerk who signs in, not for the
    // anonymous caller this request began as.
    private static async Task<Ok<SessionResponse>> StartAsync(HttpContext http, StaffIdentity identity, AuthenticationProperties properties, IAntiforgery antiforgery, StaffOptions options)
    {
        var principal = new ClaimsPrincipal(identity);
        await http.SignInAsync(StaffSession.SchemeName, principal, properties);
        http.User = principal;
        return TypedResults.Ok(Describe(http, identity, StaffSession.AbsoluteEnd(properties, options), antiforgery));
    }

    private static SessionResponse Describe(HttpContext http, StaffIdentity staff, DateTimeOffset expiresAt, IAntiforgery antiforgery)
        => new(staff.Account.Name, staff.Account.Department, staff.Account.Roles.Names(), staff.MustChangePassword,
            antiforgery.GetAndStoreTokens(http).RequestToken!, StaffSession.CsrfHeader, expiresAt);
}
