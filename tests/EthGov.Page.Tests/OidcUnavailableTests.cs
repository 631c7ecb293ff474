using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// The sign-in link opened in a browser on a node without a usable provider lands on the workspace, which says why in
/// the clerk's language: never the problem's JSON.
/// </summary>
public static class OidcUnavailable
{
    /// <summary>Opens the sign-in link as a browser does and checks where it lands and what it says.</summary>
    public static async Task AssertSaidOnTheWorkspaceAsync(PageFixture fixture, string locale, string said, string problemType)
    {
        var page = await fixture.NewPageAsync(locale);

        var response = await page.GotoAsync(fixture.Api.Url("/api/v1/session/oidc"));

        Assert.Equal(200, response?.Status);
        await page.WaitForURLAsync(fixture.Api.Url("/department"));
        await Expect(page.Locator("#dept-message")).ToContainTextAsync(said);
        await Expect(page.Locator("#dept-staff-signin")).ToBeVisibleAsync();
        Assert.DoesNotContain(problemType, await page.ContentAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, $"department-{problemType}-{locale}");
    }
}

/// <summary>A node with no provider at all.</summary>
[Collection(PageCollection.Name)]
public sealed class OidcNotConfiguredTests(PageFixture fixture)
{
    [Theory]
    [InlineData("en-US", "This node has no sign-in through a department's provider")]
    [InlineData("zh-CN", "本节点未设置通过部门身份提供方登录")]
    public Task SignInLink_LandsOnTheWorkspace_WhichSaysThereIsNoProvider(string locale, string said)
        => OidcUnavailable.AssertSaidOnTheWorkspaceAsync(fixture, locale, said, "oidc-not-configured");
}

/// <summary>A node whose provider does not answer.</summary>
[Collection(OidcDownPageCollection.Name)]
public sealed class OidcProviderDownTests(OidcDownPageFixture fixture)
{
    [Theory]
    [InlineData("en-US", "The department's sign-in provider cannot be reached just now")]
    [InlineData("zh-CN", "目前无法连接部门的身份提供方")]
    public Task SignInLink_LandsOnTheWorkspace_WhichSaysTheProviderIsDown(string locale, string said)
        => OidcUnavailable.AssertSaidOnTheWorkspaceAsync(fixture, locale, said, "oidc-provider-unavailable");
}
