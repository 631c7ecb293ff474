using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Api.Staff;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EthGov.Api.Tests.Page;

/// <summary>
/// A node published under a path (<c>EthGov:PublicBaseUrl</c> = <c>https://gov.example.test/civil/</c>), reached through
/// a proxy that passes the path on (<c>/civil/department</c>) or strips it (<c>/department</c>): the page it serves loads
/// its scripts and links under <c>/civil/</c>, and every redirect of the sign-in lands under <c>/civil/</c>, never at the
/// host's root, where another application of the host lives.
/// </summary>
public sealed class PathBaseTests(PathBaseTests.PathNode node) : IClassFixture<PathBaseTests.PathNode>
{
    private const string Password = "a long provider password";

    private static readonly Uri s_public = new("https://gov.example.test/civil/");

    [Theory]
    [InlineData("/civil/department")]
    [InlineData("/department")]
    [InlineData("/civil/v/0xabc")]
    public async Task Page_PathPassedOnOrStripped_LoadsEverythingUnderThePublicPath(string path)
    {
        using var client = node.Host.CreateClient();

        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<meta name=\"ethgov-base\" content=\"/civil/\">", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/civil/js/app.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/civil/css/page.css\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/civil/department\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(href|src)=\"/(?!civil/)", html);
    }

    [Fact]
    public async Task PageFiles_AreServedUnderThePath()
    {
        using var client = node.Host.CreateClient();

        using var script = await client.GetAsync("/civil/js/base.js");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("ethgov-base", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutAPublicPath_IsServedAsWritten()
    {
        await using var host = await ApiHost.StartAsync(node.Chain);
        using var client = host.CreateClient();

        var html = await client.GetStringAsync("/department");

        Assert.Contains("<meta name=\"ethgov-base\" content=\"/\">", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/app.js\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/civil/api/v1/session/oidc")]
    [InlineData("/api/v1/session/oidc")]
    public async Task ProviderDown_ABrowsersNavigation_LandsOnTheWorkspaceUnderThePath(string start)
    {
        await using var host = await ApiHost.StartAsync(node.Chain, new Dictionary<string, string?>
        {
            ["EthGov:PublicBaseUrl"] = s_public.ToString(),
            ["EthGov:Staff:Oidc:Authority"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["EthGov:Staff:Oidc:ClientId"] = OidcProvider.ClientId,
        });
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, start);
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/civil/department?signin=providerdown", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://gov.example.test/civil/")]
    [InlineData("https://gov.example.test/")]
    public async Task BoundPerson_SignsInThroughAProxy_AndLandsOnTheWorkspaceUnderThePath(string browserBase)
    {
        // The browser starts at the public path; a stripping proxy hands the node /api/v1/session/oidc, a passing one
        // /civil/api/v1/session/oidc. Either way the provider answers at the public callback, which reaches the node
        // as /civil/api/v1/session/oidc/callback, with the correlation cookies the browser scoped to it.
        var name = "clerk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var subject = node.Provider.AddPerson("person-" + name, Password);
        await node.Accounts.AddAsync(name, "CIVIL", new StaffRoles(ApiKeyScopes.Anchor, false), "a long staff password", mustChangePassword: false);
        Assert.Null((await node.Accounts.LinkAsync(name, node.Provider.Issuer.ToString(), subject)).Taken);
        using var browser = new TwoSiteBrowser(node.Host, new Uri(browserBase));

        var (landing, url, _) = await browser.SignInAsync("person-" + name, Password, start: new Uri(new Uri(browserBase), "api/v1/session/oidc"));
        using var session = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(s_public, "api/v1/session")));

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal(new Uri(s_public, "department"), url);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(name, (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    /// <summary>A chain, a provider, and a node published under <see cref="s_public"/>.</summary>
    public sealed class PathNode() : PublicOidcNode(s_public);
}
