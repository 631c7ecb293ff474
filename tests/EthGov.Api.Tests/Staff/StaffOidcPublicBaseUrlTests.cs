using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Staff;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace EthGov.Api.Tests.Staff;

/// <summary>
/// Sign-in through the provider on a node that sets <c>EthGov:PublicBaseUrl</c>, as a production node does behind its
/// reverse proxy: the redirect URI the provider sees is the public one, and the whole sign-in ends in a session.
/// </summary>
public sealed class StaffOidcPublicBaseUrlTests(StaffOidcPublicBaseUrlTests.PublicNode node) : IClassFixture<StaffOidcPublicBaseUrlTests.PublicNode>
{
    private const string Password = "a long provider password";

    private static readonly Uri s_public = new("https://civil-node.example.test/");

    [Fact]
    public async Task Challenge_ReachedAtTheNodesOwnAddress_SendsTheRedirectUriUnderThePublicBaseUrl()
    {
        // A reverse proxy that passes its own Host on: the node's request URL is not the one the provider registered.
        using var browser = new TwoSiteBrowser(node.Host);

        using var challenge = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(TwoSiteBrowser.Node, "/api/v1/session/oidc")));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        Assert.Equal("https://civil-node.example.test/api/v1/session/oidc/callback", query["redirect_uri"].ToString());
    }

    [Fact]
    public async Task Challenge_PublicBaseUrlWithAPath_KeepsThePathInTheRedirectUri()
    {
        await using var host = await ApiHost.StartAsync(node.Chain, new Dictionary<string, string?>
        {
            ["EthGov:PublicBaseUrl"] = "https://gov.example.test/civil/",
            ["EthGov:Staff:Oidc:Authority"] = node.Provider.Issuer.ToString(),
            ["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId,
        });
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var challenge = await client.GetAsync("/api/v1/session/oidc");

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        Assert.Equal("https://gov.example.test/civil/api/v1/session/oidc/callback", query["redirect_uri"].ToString());
    }

    [Fact]
    public async Task BoundPerson_SignsIn_ThroughThePublicCallback_ToASessionCookie()
    {
        var name = "clerk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var subject = node.Provider.AddPerson("person-" + name, Password);
        await node.Accounts.AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), "a long staff password", mustChangePassword: false);
        Assert.Null((await node.Accounts.LinkAsync(name, node.Provider.Issuer.ToString(), subject)).Taken);
        using var browser = new TwoSiteBrowser(node.Host, s_public);

        var (landing, url, _) = await browser.SignInAsync("person-" + name, Password);
        using var session = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(s_public, SessionApi.Route)));

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal(new Uri(s_public, StaffOidc.LandingPath), url);
        Assert.Contains(browser.Cookies.GetCookies(s_public), c => c.Name == "__Host-" + StaffSession.CookieName && c.Secure && c.HttpOnly);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(name, (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    /// <summary>A chain, a provider, and a node whose public base URL is <see cref="s_public"/>.</summary>
    public sealed class PublicNode() : PublicOidcNode(s_public);
}
