using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Staff;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Staff;

/// <summary>
/// Staff sign-in through a real OpenID Connect provider (OpenIddict, <see cref="OidcProvider"/>): the bound person gets
/// the clerk's session and roles; an unbound person, a disabled or a locked account is refused; and the attacks on the
/// callback (forged state, a genuine answer replayed in another browser, a code or an id token from a second provider
/// with other keys) sign no one in.
/// </summary>
public sealed class StaffOidcTests(StaffOidcTests.Providers providers) : IClassFixture<StaffOidcTests.Providers>
{
    private const string Password = "a long provider password";

    private static readonly Uri s_callbackUrl = new(TwoSiteBrowser.Node, StaffOidc.CallbackPath);

    private static readonly Uri s_signedOutUrl = new(TwoSiteBrowser.Node, StaffOidc.SignedOutPath);

    [Fact]
    public async Task BoundPerson_SignsIn_WithTheAccountsRoles_NotTheProviders_InTheSameStrictSessionCookie()
    {
        var (name, person) = await ClerkAsync(ApiKeyScopes.Anchor | ApiKeyScopes.Revoke, bound: true);
        using var browser = new TwoSiteBrowser(providers.Host);

        var (callback, _, stopped) = await browser.SignInAsync(person, Password, stopBefore: IsCallback);
        callback.Dispose();
        using var landing = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, stopped));
        using var session = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, SessionApi.Route)));

        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal(StaffOidc.LandingPath, landing.Headers.Location?.OriginalString);
        var cookie = Assert.Single(landing.Headers.GetValues("Set-Cookie"), c => c.StartsWith(StaffSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var body = await session.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(["anchor", "revoke"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var line = Assert.Single(await AuditAsync(name));
        Assert.Equal("SignInOidc", line.Action);
        Assert.Contains(providers.Provider.Issuer.ToString(), line.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundAccount_WithAOneTimePassword_GetsItsRolesThroughTheProvider_ButThePasswordStillOnlyChangesItself()
    {
        var (name, person) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true, mustChangePassword: true);
        using var browser = new TwoSiteBrowser(providers.Host);

        var (landing, _, _) = await browser.SignInAsync(person, Password);
        landing.Dispose();
        using var session = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, SessionApi.Route)));
        var body = await session.Content.ReadFromJsonAsync<JsonElement>();
        using var anchored = await browser.SendAsync(Anchor(body.GetProperty("csrfToken").GetString()!));

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.False(body.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, anchored.StatusCode);

        // The one-time password itself still opens nothing but the password change.
        using var client = providers.Host.CreateClient();
        using var signedIn = await client.PostAsJsonAsync(SessionApi.Route, new { name, password = "a long staff password" });
        var passwordSession = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        var request = Anchor(passwordSession.GetProperty("csrfToken").GetString()!);
        request.RequestUri = new Uri("/api/v1/documents", UriKind.Relative);
        using var refused = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.True(passwordSession.GetProperty("mustChangePassword").GetBoolean());
        await Problem.AssertAsync(refused, HttpStatusCode.Forbidden, ProblemTypes.PasswordChangeRequired);

        static HttpRequestMessage Anchor(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TwoSiteBrowser.Node, "/api/v1/documents"))
            {
                Content = JsonContent.Create(new { digest = TestDigests.New() }),
            };
            request.Headers.Add(StaffSession.CsrfHeader, token);
            return request;
        }
    }

    [Fact]
    public async Task SignOut_OfAProviderSession_EndsTheProvidersSessionToo_AndComesBackToTheWorkspace()
    {
        var (name, person) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true);
        using var browser = new TwoSiteBrowser(providers.Host);
        var (landing, _, _) = await browser.SignInAsync(person, Password);
        landing.Dispose();
        Assert.Contains(browser.Cookies.GetCookies(providers.Provider.Issuer), c => c.Name == OidcProvider.LoginCookie);

        using var signOut = await browser.SendAsync(await SignOutRequestAsync(browser));
        var body = await signOut.Content.ReadFromJsonAsync<JsonElement>();
        var endSession = new Uri(body.GetProperty("providerSignOutUrl").GetString()!);
        var query = QueryHelpers.ParseQuery(endSession.Query);

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(new Uri(providers.Provider.Issuer, "connect/logout"), new Uri(endSession.GetLeftPart(UriPartial.Path)));
        Assert.Equal(s_signedOutUrl.ToString(), query["post_logout_redirect_uri"].ToString());
        Assert.False(string.IsNullOrEmpty(query["id_token_hint"]));
        await AssertNoSessionAsync(browser);

        var (back, url, _) = await browser.GetAsync(endSession);
        back.Dispose();

        Assert.Equal(new Uri(TwoSiteBrowser.Node, StaffOidc.LandingPath), url);
        Assert.DoesNotContain(browser.Cookies.GetCookies(providers.Provider.Issuer), c => c.Name == OidcProvider.LoginCookie);
        Assert.Equal(["SignInOidc", "SignOut"], (await AuditAsync(name)).Select(l => l.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SignOut_OfAPasswordSession_OnANodeWithAProvider_EndsOnlyTheNodesSession()
    {
        var (name, _) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true);
        using var browser = new TwoSiteBrowser(providers.Host);
        using var signedIn = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(TwoSiteBrowser.Node, SessionApi.Route))
        {
            Content = JsonContent.Create(new { name, password = "a long staff password" }),
        });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        using var signOut = await browser.SendAsync(await SignOutRequestAsync(browser));

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Empty(await signOut.Content.ReadAsByteArrayAsync());
        await AssertNoSessionAsync(browser);
    }

    [Fact]
    public async Task SignedOutCallback_GoesToTheWorkspace_WhateverItIsGiven()
    {
        using var browser = new TwoSiteBrowser(providers.Host);

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get,
            new Uri(s_signedOutUrl, "?state=forged&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(StaffOidc.LandingPath, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Challenge_SetsLaxCorrelationAndNonceCookies_AndSendsCodeFlowWithPkceStateAndNonce()
    {
        using var browser = new TwoSiteBrowser(providers.Host);

        using var challenge = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, "/api/v1/session/oidc")));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        Assert.Equal("code", query["response_type"].ToString());
        // Query is the code flow's default response mode: the handler leaves it out, and the provider answers with a GET.
        Assert.True(!query.TryGetValue("response_mode", out var mode) || mode == "query", mode);
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["nonce"]) || string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(s_callbackUrl.ToString(), query["redirect_uri"].ToString());
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count(c => c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase)
            && (c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal) || c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal))));
        Assert.DoesNotContain(cookies, c => c.Contains("samesite=none", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnboundPerson_IsRefused403_WithAnAuditLine_AndNoSession()
    {
        var person = "nobody-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var subject = providers.Provider.AddPerson(person, Password);
        using var browser = new TwoSiteBrowser(providers.Host);

        var (response, _, _) = await browser.SignInAsync(person, Password);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OidcSignInRefused);
        await AssertNoSessionAsync(browser);
        Assert.Contains(await providers.Audit.LatestAsync(string.Empty, 50), l => l.Action == "SignInOidcRefused" && l.Target!.Contains(subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnboundPerson_InABrowser_LandsOnTheWorkspaceWithTheRefusal()
    {
        var person = "nobody-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        providers.Provider.AddPerson(person, Password);
        using var browser = new TwoSiteBrowser(providers.Host) { AcceptsHtml = true };

        var (response, url, _) = await browser.SignInAsync(person, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/department?signin=refused", url.PathAndQuery);
        await AssertNoSessionAsync(browser);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("locked")]
    public async Task BoundAccount_DisabledOrLocked_IsRefused403_WithAnAuditLine(string state)
    {
        var (name, person) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true);
        if (state == "disabled")
        {
            await providers.Accounts.DisableAsync(name);
        }
        else
        {
            var signIn = providers.Host.Services.GetRequiredService<StaffSignIn>();
            for (var i = 0; i < new StaffOptions().MaxFailedSignIns; i++)
            {
                await signIn.SignInAsync(name, "not the password at all");
            }
        }

        using var browser = new TwoSiteBrowser(providers.Host);

        var (response, _, _) = await browser.SignInAsync(person, Password);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OidcSignInRefused);
        await AssertNoSessionAsync(browser);
        var line = Assert.Single(await AuditAsync(name));
        Assert.Equal("SignInOidcRefused", line.Action);
        Assert.StartsWith(state, line.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ForgedState_IsRefused400_AndSignsNoOneIn()
    {
        var (_, person) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true);
        using var browser = new TwoSiteBrowser(providers.Host);
        var (_, _, callback) = await browser.SignInAsync(person, Password, stopBefore: IsCallback);
        var query = QueryHelpers.ParseQuery(callback!.Query);
        var forged = QueryHelpers.AddQueryString(s_callbackUrl.ToString(), new Dictionary<string, string?>
        {
            ["code"] = query["code"],
            ["state"] = "CfDJ8" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(120)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
        });

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, forged));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.OidcCallbackInvalid);
        await AssertNoSessionAsync(browser);
    }

    [Fact]
    public async Task Callback_GenuineAnswer_DeliveredToAnotherBrowser_IsRefused400()
    {
        var (_, person) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true);
        using var victim = new TwoSiteBrowser(providers.Host);
        using var attacker = new TwoSiteBrowser(providers.Host);
        var (_, _, callback) = await attacker.SignInAsync(person, Password, stopBefore: IsCallback);

        using var response = await victim.SendAsync(new HttpRequestMessage(HttpMethod.Get, callback));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.OidcCallbackInvalid);
        await AssertNoSessionAsync(victim);
    }

    [Fact]
    public async Task Callback_CodeFromASecondProvider_IsRefused400()
    {
        var (name, person, subject) = await ClerkAtBothAsync();
        using var browser = new TwoSiteBrowser(providers.Host);
        var (rogueAnswer, _) = await RogueAnswerAsync(browser, person, "code");

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get,
            QueryHelpers.AddQueryString(s_callbackUrl.ToString(), new Dictionary<string, string?> { ["code"] = rogueAnswer["code"], ["state"] = rogueAnswer["state"] })));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.OidcCallbackInvalid);
        await AssertNoSessionAsync(browser);
        Assert.Empty(await AuditAsync(name));
        Assert.Equal((await providers.Accounts.LinkOfAsync((await providers.Accounts.FindAsync(name))!.Id))!.Subject, subject);
    }

    [Fact]
    public async Task Callback_IdTokenFromASecondProvider_WithTheNodesNonce_IsRefused400()
    {
        var (name, person, _) = await ClerkAtBothAsync();
        using var browser = new TwoSiteBrowser(providers.Host);
        var (rogueAnswer, nonce) = await RogueAnswerAsync(browser, person, "code id_token");
        var idToken = rogueAnswer["id_token"].ToString();
        var payload = JsonDocument.Parse(Base64UrlDecode(idToken.Split('.')[1])).RootElement;
        Assert.Equal(nonce, payload.GetProperty("nonce").GetString());
        Assert.Equal(providers.Rogue.Issuer.ToString(), payload.GetProperty("iss").GetString());

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, s_callbackUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["id_token"] = idToken,
                ["code"] = rogueAnswer["code"].ToString(),
                ["state"] = rogueAnswer["state"].ToString(),
            }),
        });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.OidcCallbackInvalid);
        await AssertNoSessionAsync(browser);
        Assert.Empty(await AuditAsync(name));
    }

    [Fact]
    public async Task Options_NameTheProvider_AndItsSignInUrl()
    {
        using var client = providers.Host.CreateClient();

        var options = await client.GetFromJsonAsync<JsonElement>(SessionApi.Route + "/options");

        Assert.True(options.GetProperty("password").GetBoolean());
        Assert.Equal("Civil Registry Login", options.GetProperty("oidc").GetProperty("name").GetString());
        Assert.Equal("/api/v1/session/oidc", options.GetProperty("oidc").GetProperty("signInUrl").GetString());
    }

    [Fact]
    public async Task ProviderUnreachable_StartIsRefused503()
    {
        await using var host = await ApiHost.StartAsync(providers.Chain, new Dictionary<string, string?>
        {
            ["EthGov:Staff:Oidc:Authority"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId,
        });

        using var response = await host.CreateClient().GetAsync(SessionApi.Route + "/oidc");

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, ProblemTypes.OidcProviderUnavailable);
    }

    [Fact]
    public async Task NoProviderConfigured_OptionsSayNone_AndStartIsRefused404()
    {
        await using var host = await ApiHost.StartAsync(providers.Chain);
        using var client = host.CreateClient();

        var options = await client.GetFromJsonAsync<JsonElement>(SessionApi.Route + "/options");
        using var response = await client.GetAsync(SessionApi.Route + "/oidc");
        using var callback = await client.GetAsync(StaffOidc.CallbackPath + "?code=x&state=y");

        Assert.True(options.GetProperty("password").GetBoolean());
        Assert.False(options.TryGetProperty("oidc", out var oidc) && oidc.ValueKind != JsonValueKind.Null);
        await Problem.AssertAsync(response, HttpStatusCode.NotFound, ProblemTypes.OidcNotConfigured);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
    }

    [Theory]
    [InlineData(true, "noprovider")]
    [InlineData(false, "providerdown")]
    public async Task WithoutAUsableProvider_ABrowsersNavigation_LandsOnTheWorkspace_AndApiClientsGetTheProblem(bool unconfigured, string reason)
    {
        await using var host = await ApiHost.StartAsync(providers.Chain, unconfigured ? null : new Dictionary<string, string?>
        {
            ["EthGov:Staff:Oidc:Authority"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId,
        });
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (status, type) = unconfigured
            ? (HttpStatusCode.NotFound, ProblemTypes.OidcNotConfigured)
            : (HttpStatusCode.ServiceUnavailable, ProblemTypes.OidcProviderUnavailable);

        using var navigation = await client.SendAsync(Start("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        using var json = await client.SendAsync(Start("application/json"));
        using var anything = await client.SendAsync(Start("*/*"));
        using var none = await client.SendAsync(Start(null));

        Assert.Equal(HttpStatusCode.Redirect, navigation.StatusCode);
        Assert.Equal($"{StaffOidc.LandingPath}?signin={reason}", navigation.Headers.Location?.OriginalString);
        await Problem.AssertAsync(json, status, type);
        await Problem.AssertAsync(anything, status, type);
        await Problem.AssertAsync(none, status, type);

        static HttpRequestMessage Start(string? accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, SessionApi.Route + "/oidc");
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            return request;
        }
    }

    private static bool IsCallback(Uri url) => url.AbsolutePath == StaffOidc.CallbackPath;

    // A node's challenge to its own provider, re-pointed at the rogue provider (which knows the same client and
    // redirect URI), with the node's state, nonce and PKCE challenge: what an attacker running a second provider gets.
    private async Task<(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Answer, string Nonce)> RogueAnswerAsync(
        TwoSiteBrowser browser, string person, string responseType)
    {
        using var challenge = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, "/api/v1/session/oidc")));
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        query["response_type"] = responseType;
        query.Remove("response_mode");
        using var rogue = new TwoSiteBrowser(providers.Host);
        var authorize = QueryHelpers.AddQueryString(new Uri(providers.Rogue.Issuer, "/connect/authorize").ToString(), query);
        var (form, formUrl, _) = await rogue.GetAsync(new Uri(authorize));
        var returnUrl = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"returnUrl\" value=\"([^\"]*)\"").Groups[1].Value);
        var (_, _, callback) = await rogue.FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(formUrl, "/login"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = person, ["password"] = Password, ["returnUrl"] = returnUrl }),
        }, IsCallback);
        Assert.NotNull(callback);
        var answer = QueryHelpers.ParseQuery(string.IsNullOrEmpty(callback.Fragment) ? callback.Query : "?" + callback.Fragment.TrimStart('#'));
        Assert.True(answer.ContainsKey("code"), callback.ToString());
        return (answer, query["nonce"].ToString());
    }

    // A clerk bound at the node's provider, and a person of the same name and the same subject at the rogue one: only
    // keys and issuer tell the two providers' answers apart.
    private async Task<(string Name, string Person, string Subject)> ClerkAtBothAsync()
    {
        var (name, person) = await ClerkAsync(ApiKeyScopes.Anchor, bound: true);
        var link = await providers.Accounts.LinkOfAsync((await providers.Accounts.FindAsync(name))!.Id);
        var subject = providers.Rogue.AddPerson(person, Password, link!.Subject);
        return (name, person, subject);
    }

    private async Task<(string Name, string Person)> ClerkAsync(ApiKeyScopes roles, bool bound, bool mustChangePassword = false)
    {
        var name = "clerk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var person = "person-" + name;
        var subject = providers.Provider.AddPerson(person, Password);
        await providers.Accounts.AddAsync(name, "CIVIL", new StaffRoles(roles, false), "a long staff password", mustChangePassword);
        if (bound)
        {
            Assert.Null((await providers.Accounts.LinkAsync(name, providers.Provider.Issuer.ToString(), subject)).Taken);
        }

        return (name, person);
    }

    private async Task<List<StaffAuditLine>> AuditAsync(string name)
        => [.. (await providers.Audit.LatestAsync("CIVIL", 1000)).Where(l => l.Name == name)];

    private static async Task<HttpRequestMessage> SignOutRequestAsync(TwoSiteBrowser browser)
    {
        using var session = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, SessionApi.Route)));
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(TwoSiteBrowser.Node, SessionApi.Route));
        request.Headers.Add(StaffSession.CsrfHeader, (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString());
        return request;
    }

    private static async Task AssertNoSessionAsync(TwoSiteBrowser browser)
    {
        using var session = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, SessionApi.Route)));
        await Problem.AssertAsync(session, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    private static byte[] Base64UrlDecode(string text) => WebEncoders.Base64UrlDecode(text);

    /// <summary>A chain, a node whose staff may sign in through <see cref="Provider"/>, and a second provider with other keys.</summary>
    public sealed class Providers : IAsyncLifetime
    {
        /// <summary>The chain.</summary>
        public DevChain Chain { get; } = new();

        /// <summary>The node's provider.</summary>
        public OidcProvider Provider { get; private set; } = null!;

        /// <summary>A second provider: other keys, other issuer, the same client and redirect URI.</summary>
        public OidcProvider Rogue { get; private set; } = null!;

        /// <summary>The node.</summary>
        public ApiHost Host { get; private set; } = null!;

        /// <summary>The node's staff accounts.</summary>
        public StaffAccounts Accounts => StaffAccounts.OpenExisting(Host.Database);

        /// <summary>The node's staff audit.</summary>
        public StaffAudit Audit => Host.Services.GetRequiredService<StaffAudit>();

        /// <inheritdoc />
        public async Task InitializeAsync()
        {
            await Chain.InitializeAsync();
            Provider = await OidcProvider.StartAsync();
            Rogue = await OidcProvider.StartAsync();
            foreach (var provider in new[] { Provider, Rogue })
            {
                provider.RedirectUris.Add(s_callbackUrl.ToString());
                provider.PostLogoutRedirectUris.Add(s_signedOutUrl.ToString());
            }

            Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?>
            {
                ["EthGov:Staff:Oidc:Authority"] = Provider.Issuer.ToString(),
                ["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId,
                ["EthGov:Staff:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
                ["EthGov:Staff:Oidc:DisplayName"] = "Civil Registry Login",
            });
        }

        /// <inheritdoc />
        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Provider.DisposeAsync();
            await Rogue.DisposeAsync();
            await Chain.DisposeAsync();
        }
    }
}
