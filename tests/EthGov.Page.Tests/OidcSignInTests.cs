using System.Security.Cryptography;
using EthGov.Application.ApiKeys;
using EthGov.Application.Staff;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// A clerk signs in to the department workspace through the department's OpenID Connect provider in a real browser:
/// the workspace offers the provider by name, the provider's form (another site) sends the browser back, and the
/// workspace shows the clerk with the account's roles; a person bound to no account reads why on the workspace. Signing
/// out goes through the provider's end-session endpoint and back, so the provider's session ends too.
/// </summary>
[Collection(OidcPageCollection.Name)]
public sealed class OidcSignInTests(OidcPageFixture fixture)
{
    private const string Password = "a provider password";

    [Theory]
    [InlineData("en-US", "Sign in with " + OidcPageFixture.ProviderName)]
    [InlineData("zh-CN", "通过" + OidcPageFixture.ProviderName + "登录")]
    public async Task BoundClerk_SignsInThroughTheProvidersForm_AndLandsInTheWorkspaceWithTheAccountsRoles(string locale, string button)
    {
        var name = await fixture.CreateClerkAsync("a clerk's own password", ApiKeyScopes.Anchor | ApiKeyScopes.Revoke);
        var person = "person-" + name;
        var subject = fixture.Provider.AddPerson(person, Password);
        await fixture.Accounts.LinkAsync(name, fixture.Provider.Issuer.ToString(), subject);
        var page = await fixture.NewPageAsync(locale);
        await page.GotoAsync(fixture.Api.Url("/department"));

        await page.GetByRole(AriaRole.Link, new() { Name = button }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(fixture.Provider.Issuer.ToString(), StringComparison.Ordinal));
        await page.GetByLabel("User name").FillAsync(person);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(fixture.Api.Url("/department"));
        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync(name);
        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync("anchor, revoke");
        await Expect(page.Locator("#dept-signed-in-as")).Not.ToContainTextAsync(EthGov.Testing.OidcProvider.ProviderRole);
        Assert.DoesNotContain("ethgov-staff", await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
        Assert.Contains((await fixture.Audit().LatestAsync("CIVIL", 100)), l => l.Name == name && l.Action == "SignInOidc");
        await Axe.AssertNoViolationsAsync(page, "color-contrast");
        await Screenshots.SaveAsync(page, "department-oidc-" + locale);
    }

    [Fact]
    public async Task SigningOut_EndsTheProvidersSessionToo_AndComesBackToTheWorkspace()
    {
        var name = await fixture.CreateClerkAsync("a clerk's own password", ApiKeyScopes.Anchor);
        var person = "person-" + name;
        var subject = fixture.Provider.AddPerson(person, Password);
        await fixture.Accounts.LinkAsync(name, fixture.Provider.Issuer.ToString(), subject);
        var page = await fixture.NewPageAsync();
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with " + OidcPageFixture.ProviderName }).ClickAsync();
        await page.GetByLabel("User name").FillAsync(person);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync(name);
        Assert.Contains(await page.Context.CookiesAsync([fixture.Provider.Issuer.ToString()]), c => c.Name == EthGov.Testing.OidcProvider.LoginCookie);

        // The provider's end-session endpoint, then the node's signed-out callback, then the workspace.
        await page.RunAndWaitForRequestAsync(() => page.Locator("#dept-signout").ClickAsync(),
            request => request.Url.Contains(EthGov.Api.Staff.StaffOidc.SignedOutPath, StringComparison.Ordinal));
        await page.WaitForURLAsync(fixture.Api.Url("/department"));

        await Expect(page.Locator("#dept-staff-signin")).ToBeVisibleAsync();
        Assert.Contains(requested, url => url.StartsWith(new Uri(fixture.Provider.Issuer, "connect/logout").ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(await page.Context.CookiesAsync([fixture.Provider.Issuer.ToString()]), c => c.Name == EthGov.Testing.OidcProvider.LoginCookie);
        await Axe.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task UnboundPerson_IsBroughtBackToTheWorkspace_WhichSaysWhy()
    {
        var person = "nobody-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        fixture.Provider.AddPerson(person, Password);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with " + OidcPageFixture.ProviderName }).ClickAsync();
        await page.GetByLabel("User name").FillAsync(person);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(fixture.Api.Url("/department"));
        await Expect(page.Locator("#dept-message")).ToContainTextAsync("no clerk's account here is bound to you");
        await Expect(page.Locator("#dept-staff-signin")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }
}
