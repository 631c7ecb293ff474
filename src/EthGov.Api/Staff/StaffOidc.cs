using System.Security.Claims;
using EthGov.Api.Page;
using EthGov.Application.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace EthGov.Api.Staff;

/// <summary>
/// Sign-in through the department's OpenID Connect provider with ASP.NET Core's handler: authorization code flow with
/// PKCE, state and nonce as the handler makes and checks them. The answer comes back as a top-level GET
/// (response_mode=query), which a browser sends with SameSite=Lax cookies: the handler's correlation and nonce cookies
/// are Lax (Secure on HTTPS), so no cookie of the node is ever SameSite=None, and the session cookie stays Strict. A
/// validated id token only names a person (issuer and subject); the clerk's account bound to that person gives the
/// roles, and the clerk gets the same session cookie as with a password. The provider's own roles are never read.
/// Signing out of such a session ends the provider's session too when the provider publishes an end_session_endpoint
/// (RP-initiated logout): the node ends its own session at once and answers the provider's end-session address, which
/// the page opens; the provider sends the browser back to <see cref="SignedOutPath"/>, and from there to the workspace.
/// </summary>
public static class StaffOidc
{
    /// <summary>The handler's scheme name.</summary>
    public const string SchemeName = "StaffOidc";

    /// <summary>Where the provider sends the browser back.</summary>
    public const string CallbackPath = SessionApi.Route + "/oidc/callback";

    /// <summary>Where the provider sends the browser back after ending its session (the post-logout redirect URI).</summary>
    public const string SignedOutPath = SessionApi.Route + "/oidc/signed-out";

    /// <summary>The longest id token kept in the session cookie for the provider's sign-out (id_token_hint); a longer one is not kept.</summary>
    public const int MaxKeptIdTokenChars = 2048;

    private const string ProviderSignOutItem = "ethgov:provider-sign-out";

    /// <summary>Where a signed-in clerk lands, and where a refused one reads why (under the page's base, <see cref="PageBase"/>).</summary>
    public const string LandingPath = "/department";

    /// <summary>The longest answer read from the provider (discovery document, keys, token response).</summary>
    public const int MaxProviderAnswerBytes = 256 * 1024;

    /// <summary>
    /// Configures the handler for <paramref name="oidc"/>; the redirect URI is under <paramref name="publicBaseUrl"/> when
    /// the node has one (behind a reverse proxy the request's own host is not the one the provider registered).
    /// </summary>
    public static void Configure(OpenIdConnectOptions options, StaffOidcOptions oidc, Uri? publicBaseUrl)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        options.RequireHttpsMetadata = new Uri(oidc.Authority!).Scheme == Uri.UriSchemeHttps || !new Uri(oidc.Authority!).IsLoopback;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        options.CallbackPath = CallbackPath;
        options.SignedOutCallbackPath = SignedOutPath;
        options.SignInScheme = StaffSession.SchemeName;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.DisableTelemetry = true;
        options.TokenValidationParameters.NameClaimType = oidc.SubjectClaim;
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.HttpOnly = true;
        }

        // The provider's answers are read into memory: bounded, and never followed elsewhere by a redirect.
        options.Backchannel = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(15),
            MaxResponseContentBufferSize = MaxProviderAnswerBytes,
        };
        options.Backchannel.DefaultRequestHeaders.UserAgent.ParseAdd("EthGov-node");
        if (publicBaseUrl is not null)
        {
            var redirectUri = RedirectUriUnder(publicBaseUrl);

            // The handler scopes its correlation and nonce cookies to the callback under the request's PathBase; behind a
            // proxy that strips the public path the browser would not send them back to the public callback.
            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.Path = new Uri(redirectUri).AbsolutePath;
            }

            options.Events.OnRedirectToIdentityProvider = context =>
            {
                // The handler keeps this redirect URI in the state after this event and redeems the code with it.
                context.ProtocolMessage.RedirectUri = redirectUri;
                return Task.CompletedTask;
            };
        }

        options.Events.OnRedirectToIdentityProviderForSignOut = context => KeepSignOutAddress(context, publicBaseUrl);
        options.Events.OnSignedOutCallbackRedirect = context =>
        {
            // Back from the provider: always the workspace, whatever the query says.
            context.Response.Redirect(PageBase.Under(context.HttpContext, LandingPath));
            context.HandleResponse();
            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = SignInAsync;
        options.Events.OnRemoteFailure = RefuseCallbackAsync;
    }

    /// <summary>
    /// The callback under <paramref name="publicBaseUrl"/>, path included (a node published as
    /// <c>https://host/ethgov/</c> registers <c>https://host/ethgov/api/v1/session/oidc/callback</c>), as document links keep it.
    /// </summary>
    public static string RedirectUriUnder(Uri publicBaseUrl) => UnderPublicBase(publicBaseUrl, CallbackPath);

    /// <summary>The post-logout redirect URI under <paramref name="publicBaseUrl"/>, path included, as <see cref="RedirectUriUnder"/>.</summary>
    public static string PostLogoutRedirectUriUnder(Uri publicBaseUrl) => UnderPublicBase(publicBaseUrl, SignedOutPath);

    // One of the node's paths (from its root) under the public base URL, the base's own path kept.
    private static string UnderPublicBase(Uri publicBaseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path;
    }

    /// <summary>
    /// The provider's end-session address for the session of <paramref name="http"/>'s request, or null when the provider
    /// publishes none or cannot be read now (the node's own session ends either way). Call before the session ends: the
    /// address carries the session's id token as id_token_hint.
    /// </summary>
    public static async Task<string?> ProviderSignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(SchemeName);
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffOidc))
                .LogWarning("The provider's session was not ended: its discovery document could not be read ({Reason})", ex.Message);
            return null;
        }

        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            return null;
        }

        await http.SignOutAsync(SchemeName);
        return http.Items[ProviderSignOutItem] as string;
    }

    // The handler would answer the sign-out with a redirect, which the page's fetch cannot follow to another site: the
    // address is kept for the answer instead. The way back is always the workspace (see OnSignedOutCallbackRedirect), so
    // no state travels.
    private static Task KeepSignOutAddress(RedirectContext context, Uri? publicBaseUrl)
    {
        context.HandleResponse();
        var message = context.ProtocolMessage;
        if (string.IsNullOrEmpty(message.IssuerAddress))
        {
            return Task.CompletedTask;
        }

        if (publicBaseUrl is not null)
        {
            message.PostLogoutRedirectUri = PostLogoutRedirectUriUnder(publicBaseUrl);
        }

        message.ClientId = context.Options.ClientId;
        message.State = null;
        context.HttpContext.Items[ProviderSignOutItem] = message.CreateLogoutRequestUrl();
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="oidc"/> is usable; why not otherwise (checked at start).</summary>
    public static string? Problem(StaffOidcOptions oidc)
    {
        if (!StaffLinks.IsIssuer(oidc.Authority))
        {
            return "EthGov:Staff:Oidc:Authority must be the provider's absolute https URL (http only on loopback)";
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            return "EthGov:Staff:Oidc:ClientId is required when EthGov:Staff:Oidc:Authority is set";
        }

        return string.IsNullOrWhiteSpace(oidc.SubjectClaim) ? "EthGov:Staff:Oidc:SubjectClaim may not be empty" : null;
    }

    // The id token checked out (signature, issuer, audience, lifetime, nonce; the code was redeemed with the PKCE
    // verifier). The node answers here itself: the handler's own sign-in would keep the provider's principal.
    private static async Task SignInAsync(TokenValidatedContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var services = http.RequestServices;
        var oidc = services.GetRequiredService<IOptions<StaffOidcOptions>>().Value;
        var audit = services.GetRequiredService<StaffAudit>();
        var issuer = context.Principal?.FindFirstValue("iss");
        var subject = context.Principal?.FindFirstValue(oidc.SubjectClaim);
        if (issuer is null || !StaffLinks.IsSubject(subject))
        {
            await TryAuditAsync(audit, "-", string.Empty, $"no {oidc.SubjectClaim} claim; issuer={issuer}", http.RequestAborted);
            await AnswerAsync(http, StaffProblems.OidcSignInRefused(), "refused");
            return;
        }

        var (account, refusal, refused) = await services.GetRequiredService<StaffSignIn>().SignInLinkedAsync(issuer, subject!, http.RequestAborted);
        if (account is null)
        {
            await TryAuditAsync(audit, refused?.Name ?? "-", refused?.Department ?? string.Empty,
                $"{refusal?.ToString().ToLowerInvariant()}; issuer={issuer} subject={subject}", http.RequestAborted);
            await AnswerAsync(http, StaffProblems.OidcSignInRefused(), "refused");
            return;
        }

        try
        {
            await audit.WriteAsync(account.Name, account.Department, "SignInOidc", $"issuer={issuer} subject={subject}", http.RequestAborted);
        }
        catch (StaffAuditUnavailableException)
        {
            await AnswerAsync(http, StaffProblems.AuditUnavailable(), "unavailable");
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var properties = StaffSession.NewProperties(now);

        // Kept (in the protected cookie) as the id_token_hint of the provider's sign-out, when it is small enough.
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken) is { Length: > 0 and <= MaxKeptIdTokenChars } idToken)
        {
            properties.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }

        await http.SignInAsync(StaffSession.SchemeName, new ClaimsPrincipal(new StaffIdentity(account, viaProvider: true)), properties);
        http.Response.Redirect(PageBase.Under(http, LandingPath));
    }

    // A wrong or replayed state, a missing correlation cookie, a token the provider did not sign, an error the provider
    // answered: logged (not audited: no clerk is known, and anyone can send these), and refused.
    private static async Task RefuseCallbackAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffOidc))
            .LogWarning("OpenID Connect sign-in refused at the callback: {Reason}", context.Failure?.Message);
        await AnswerAsync(context.HttpContext, StaffProblems.OidcCallbackInvalid(), "failed");
    }

    private static async Task TryAuditAsync(StaffAudit audit, string name, string department, string target, CancellationToken cancellationToken)
    {
        try
        {
            await audit.WriteAsync(name, department, "SignInOidcRefused", target, cancellationToken);
        }
        catch (StaffAuditUnavailableException)
        {
            // The sign-in is refused either way.
        }
    }

    /// <summary>
    /// Whether <paramref name="request"/> is a browser's navigation (its Accept names text/html): it is sent to the workspace,
    /// which says why in the clerk's language, rather than shown a problem's JSON.
    /// </summary>
    public static bool IsNavigation(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The workspace under the page's base, told why the sign-in did not happen (<paramref name="reason"/> is one of the page's fixed codes).</summary>
    public static string LandingFor(HttpContext http, string reason) => $"{PageBase.Under(http, LandingPath)}?signin={reason}";

    // A browser navigating back from the provider lands on the workspace, which says why; other callers get the problem.
    private static Task AnswerAsync(HttpContext http, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem, string reason)
    {
        if (IsNavigation(http.Request))
        {
            http.Response.Redirect(LandingFor(http, reason));
            return Task.CompletedTask;
        }

        return problem.ExecuteAsync(http);
    }
}
