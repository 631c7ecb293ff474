using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EthGov.Testing;

/// <summary>
/// A department's OpenID Connect provider for the tests: an OpenIddict server in degraded mode (no database: the client
/// and its redirect URIs are checked by the handlers below) on a free loopback port, with its own ephemeral signing
/// keys, so two instances never trust each other's tokens. People sign in with name and password on a minimal form;
/// the id token carries <c>sub</c> and a <c>role</c> of the provider's own, which a node must not take for its roles.
/// Its end-session endpoint (RP-initiated logout) ends the person's sign-in here and sends the browser back to a
/// registered post-logout URI. It answers on <c>localhost</c>, a different site from a node on 127.0.0.1, as a real provider would be.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    /// <summary>The client id the provider knows.</summary>
    public const string ClientId = "ethgov-node";

    /// <summary>The client's secret.</summary>
    public const string ClientSecret = "provider-test-secret-0123456789";

    /// <summary>The role the provider gives every person (a node must ignore it).</summary>
    public const string ProviderRole = "administrator";

    private const string LoginScheme = "ProviderLogin";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Password, string Subject)> _people;

    private OidcProvider(WebApplication app, Uri issuer, ConcurrentDictionary<string, (string Password, string Subject)> people)
    {
        _app = app;
        Issuer = issuer;
        _people = people;
    }

    /// <summary>The issuer (and authority): <c>http://localhost:port/</c>.</summary>
    public Uri Issuer { get; }

    /// <summary>The redirect URIs the client may use; add the node's callback once its address is known.</summary>
    public ConcurrentBag<string> RedirectUris { get; } = [];

    /// <summary>The post-logout redirect URIs the client may use; add the node's once its address is known.</summary>
    public ConcurrentBag<string> PostLogoutRedirectUris { get; } = [];

    /// <summary>The name of the cookie that keeps a person signed in at the provider.</summary>
    public const string LoginCookie = "provider-login";

    /// <summary>Starts a provider with new keys.</summary>
    public static async Task<OidcProvider> StartAsync()
    {
        var port = FreePort.Next();
        var issuer = new Uri($"http://localhost:{port}/");
        var people = new ConcurrentDictionary<string, (string Password, string Subject)>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(issuer.ToString().TrimEnd('/'));
        OidcProvider? self = null;
        builder.Services.AddAuthentication().AddCookie(LoginScheme, o => o.Cookie.Name = LoginCookie);
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(issuer);
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
            server.AllowAuthorizationCodeFlow().AllowHybridFlow().RequireProofKeyForCodeExchange();
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
            server.EnableDegradedMode().DisableTokenStorage().DisableAuthorizationStorage();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "unknown client");
                }
                else if (context.RedirectUri is null || !self!.RedirectUris.Contains(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "unknown redirect_uri");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is not null && !self!.PostLogoutRedirectUris.Contains(context.PostLogoutRedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "unknown post_logout_redirect_uri");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "unknown client or wrong secret");
                }

                return default;
            }));
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var login = await http.AuthenticateAsync(LoginScheme);
            if (!login.Succeeded)
            {
                return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, login.Principal!.FindFirstValue(Claims.Subject));
            identity.SetClaim(Claims.Name, login.Principal!.FindFirstValue(Claims.Name));
            identity.SetClaim(Claims.Role, ProviderRole);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(LoginScheme);
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        app.MapGet("/login", (string? returnUrl, string? error) => Results.Content(LoginForm(returnUrl ?? "/", error is not null), "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal))
            {
                return Results.BadRequest();
            }

            if (!people.TryGetValue(form["username"].ToString(), out var person) || person.Password != form["password"].ToString())
            {
                return Results.Redirect("/login?error=1&returnUrl=" + Uri.EscapeDataString(returnUrl));
            }

            var identity = new ClaimsIdentity(LoginScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, person.Subject));
            identity.AddClaim(new Claim(Claims.Name, form["username"].ToString()));
            await http.SignInAsync(LoginScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl);
        });
        await app.StartAsync();

        // Started is not ready under load: the first answer JITs the server's pipeline. A node's first read of the
        // discovery document then waits for nothing but the network.
        using (var warm = new HttpClient { Timeout = TimeSpan.FromSeconds(120) })
        {
            (await warm.GetAsync(new Uri(issuer, ".well-known/openid-configuration"))).EnsureSuccessStatusCode();
            (await warm.GetAsync(new Uri(issuer, ".well-known/jwks"))).EnsureSuccessStatusCode();
        }

        self = new OidcProvider(app, issuer, people);
        return self;
    }

    /// <summary>Adds a person who signs in with <paramref name="name"/> and <paramref name="password"/>; returns their subject (random, as a provider's are, unless given).</summary>
    public string AddPerson(string name, string password, string? subject = null)
    {
        subject ??= "person-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        _people[name] = (password, subject);
        return subject;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string LoginForm(string returnUrl, bool failed) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Department sign-in</title></head>
        <body><main><h1>Department sign-in</h1>
        {{(failed ? "<p role=\"alert\">Wrong name or password.</p>" : "")}}
        <form method="post" action="/login">
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
        <label>User name <input name="username" autocomplete="username"></label>
        <label>Password <input name="password" type="password" autocomplete="current-password"></label>
        <button type="submit">Sign in</button>
        </form></main></body></html>
        """;
}
