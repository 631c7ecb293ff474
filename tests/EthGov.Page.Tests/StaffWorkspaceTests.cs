using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// A clerk signs in to the department workspace with name and password, anchors a dropped file and finds it in the
/// department's register of issued documents, in English and in Chinese.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class StaffWorkspaceTests(PageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Theory]
    [InlineData("en-US", "Issued documents", "Valid")]
    [InlineData("zh-CN", "已签发文件", "有效")]
    public async Task Clerk_SignsIn_Anchors_AndFindsTheFileInTheIssuedList(string locale, string heading, string valid)
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var document = PageFixture.NewDocument("Workspace licence " + locale);
        var fileName = $"licence-{Guid.NewGuid():N}.pdf";
        var page = await fixture.NewPageAsync(locale);
        await page.GotoAsync(fixture.Api.Url("/department"));

        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");

        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync(name);
        await Expect(page.Locator("#dept-issued-title")).ToHaveTextAsync(heading);
        await page.Locator("#dept-files").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = document });
        await Expect(page.Locator("#dept-rows tr[data-status='anchored']")).ToHaveCountAsync(1);

        await page.Locator("#dept-issued-q").FillAsync(fileName);
        await page.Locator("#dept-issued-q").PressAsync("Enter");

        var row = page.Locator($"#dept-issued-rows tr[data-digest='{PageFixture.DigestOf(document)}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "valid");
        await Expect(row.Locator("th")).ToHaveTextAsync(fileName);
        await Expect(row).ToContainTextAsync(valid);
        // The session lives in an HttpOnly cookie: nothing of it in the page's storage.
        Assert.Equal(0, await page.EvaluateAsync<int>("sessionStorage.length + localStorage.length"));
        Assert.DoesNotContain("ethgov-staff", await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-clerk-" + locale);
    }

    [Fact]
    public async Task SignedInClerk_VerifiesAReceiptOnTheVerificationPage_AsAnyoneWould()
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var document = PageFixture.NewDocument("Receipt check while signed in");
        var digest = PageFixture.DigestOf(document);
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();

        // The receipt is checked with a POST; the session cookie must not turn it into a clerk's call needing a token.
        await page.GotoAsync(fixture.Api.Url("/"));
        await page.Locator(".receipt-box summary").ClickAsync();
        await page.Locator("#receipt-text").FillAsync(EthGov.Core.Receipts.ReceiptWriter.ToJson(await fixture.ReceiptAsync(digest)));
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "licence.pdf", MimeType = "application/pdf", Buffer = document });

        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid");
    }

    [Fact]
    public async Task WrongPassword_SaysSignInFailed_AndShowsNoWorkspace()
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));

        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync("not the password at all");
        await page.Locator("#dept-staff-password").PressAsync("Enter");

        await Expect(page.Locator("#dept-message")).ToContainTextAsync("Sign-in failed");
        await Expect(page.Locator("#dept-work")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession_ReloadShowsTheSignInForm()
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync(name);

        await page.Locator("#dept-signout").ClickAsync();
        await Expect(page.Locator("#dept-staff-signin")).ToBeVisibleAsync();
        await page.ReloadAsync();

        await Expect(page.Locator("#dept-staff-signin")).ToBeVisibleAsync();
        await Expect(page.Locator("#dept-work")).ToBeHiddenAsync();
    }
}
