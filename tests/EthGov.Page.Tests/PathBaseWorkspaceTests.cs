using System.Collections.Concurrent;
using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// The workspace of a node published under <c>/civil/</c>: the clerk signs in and lists the department's documents,
/// and every request the page makes to the node, scripts and API calls alike, stays under <c>/civil/</c> (at the host's
/// root a proxy would reach another application, or nothing).
/// </summary>
[Collection(PathBasePageCollection.Name)]
public sealed class PathBaseWorkspaceTests(PathBasePageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task Clerk_UnderThePath_SignsIn_AndListsDocuments_WithEveryRequestUnderThePath(string locale)
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Path base licence " + locale));
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync(locale);
        var origin = new Uri(fixture.Api.BaseUrl.GetLeftPart(UriPartial.Authority));
        var requested = new ConcurrentQueue<Uri>();
        page.Request += (_, request) => requested.Enqueue(new Uri(request.Url));
        await page.GotoAsync(fixture.Api.Url(PathBasePageFixture.PathBase + "/department"));

        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync(name);
        await page.Locator("#dept-issued-q").FillAsync(digest.ToString());
        await page.Locator("#dept-issued-q").PressAsync("Enter");

        var row = page.Locator($"#dept-issued-rows tr[data-digest='{digest}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "valid");
        await Expect(row.Locator($"a[href='{PathBasePageFixture.PathBase}/v/{digest}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("a[data-view-link='department']")).ToHaveAttributeAsync("href", PathBasePageFixture.PathBase + "/department");
        var toNode = requested.Where(u => u.GetLeftPart(UriPartial.Authority) == origin.GetLeftPart(UriPartial.Authority)).ToList();
        Assert.Contains(toNode, u => u.AbsolutePath == PathBasePageFixture.PathBase + "/api/v1/session");
        Assert.Contains(toNode, u => u.AbsolutePath == PathBasePageFixture.PathBase + "/api/v1/documents");
        Assert.All(toNode, u => Assert.StartsWith(PathBasePageFixture.PathBase + "/", u.AbsolutePath, StringComparison.Ordinal));
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-path-base-" + locale);
    }
}
