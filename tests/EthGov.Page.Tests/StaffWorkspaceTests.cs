using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// A clerk signs in to the department workspace with name and password, anchors a dropped file and finds it in the
/// department's register of issued documents, and revokes or replaces a document from there, in English and in Chinese.
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

    [Theory]
    [InlineData("en-US", "Obtained by fraud", "Tick the box")]
    [InlineData("zh-CN", "以欺诈手段取得", "请勾选确认框")]
    public async Task Clerk_RevokesFromTheIssuedList_ByKeyboardOnly_AndTheVerificationPageShowsTheReasonByName(string locale, string fraud, string tick)
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor | ApiKeyScopes.Revoke);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Revoked licence " + locale));
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync(locale);
        await SignInAsync(page, name);
        var row = await FindAsync(page, digest);
        var open = row.Locator("button.revoke");
        var dialog = page.Locator("#dept-revoke-dialog");

        await Expect(page.Locator("#dept-issued-q")).ToBeFocusedAsync();
        await TabToAsync(page, open);
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator("#dept-revoke-reason")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#dept-revoke-reason")).ToBeFocusedAsync();
        // The list reads: "choose a reason", then codes 0 to 8; fraud is code 4.
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Expect(page.Locator("#dept-revoke-reason")).ToHaveValueAsync("fraud");
        await Expect(page.Locator("#dept-revoke-reason option:checked")).ToContainTextAsync(fraud);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Letter of the court, case 17");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#dept-revoke-confirm")).ToBeFocusedAsync();
        // Not confirmed: the dialog refuses, says why and puts the focus on the box to tick.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#dept-revoke-submit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#dept-revoke-error")).ToContainTextAsync(tick);
        await Expect(page.Locator("#dept-revoke-confirm")).ToBeFocusedAsync();
        Assert.Equal("valid", await StatusOfAsync(digest));

        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#dept-revoke-confirm")).ToBeCheckedAsync();
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-revoke-dialog-" + locale);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#dept-notice")).ToContainTextAsync(fraud);
        await Expect(row).ToHaveAttributeAsync("data-status", "revoked");
        await page.GotoAsync(fixture.Api.Url($"/v/{digest}"));
        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "revoked");
        await Expect(page.Locator(".revocation-reason")).ToHaveAttributeAsync("data-reason", "fraud");
        await Expect(page.Locator(".revocation-reason")).ToContainTextAsync(fraud);
    }

    [Fact]
    public async Task Clerk_ReplacesADocument_ByDroppingTheNewFile_AtPhoneWidth()
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor | ApiKeyScopes.Revoke);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Licence to replace"));
        var replacement = PageFixture.NewDocument("Replacing licence");
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await SignInAsync(page, name);
        var row = await FindAsync(page, digest);

        await row.Locator("button.supersede").ClickAsync();
        await page.Locator("#dept-supersede-file").SetInputFilesAsync(new FilePayload { Name = "replacement.pdf", MimeType = "application/pdf", Buffer = replacement });
        await Expect(page.Locator("#dept-supersede-new")).ToHaveValueAsync(PageFixture.DigestOf(replacement).ToString());
        await page.Locator("#dept-supersede-confirm").CheckAsync();
        var box = await page.Locator("#dept-supersede-dialog").BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 390, $"the dialog does not fit a phone's width: {box?.X} + {box?.Width}");
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-supersede-dialog-phone");
        await page.Locator("#dept-supersede-submit").ClickAsync();

        await Expect(page.Locator("#dept-supersede-dialog")).ToBeHiddenAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "superseded");
        using var client = fixture.Api.Client();
        using var status = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/documents/{PageFixture.DigestOf(replacement)}"));
        Assert.Equal("anchored", status.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(ApiKeyScopes.Anchor, 0, 0)]
    [InlineData(ApiKeyScopes.Revoke, 1, 0)]
    [InlineData(ApiKeyScopes.Anchor | ApiKeyScopes.Revoke, 1, 1)]
    public async Task IssuedList_ShowsRevokeAndReplace_OnlyToClerksWhoseRolesAllowThem(ApiKeyScopes roles, int revokeButtons, int replaceButtons)
    {
        var name = await fixture.CreateClerkAsync(Password, roles);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Roles " + roles));
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, name);

        var row = await FindAsync(page, digest);

        await Expect(row.Locator("button.revoke")).ToHaveCountAsync(revokeButtons);
        await Expect(row.Locator("button.supersede")).ToHaveCountAsync(replaceButtons);
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

    private async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();
    }

    // Moves the focus by Tab alone until it is on target, as a keyboard user does; fails if MaxTabs presses do not get there.
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        const int MaxTabs = 60;
        var passed = new List<string>();
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            passed.Add(await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') : 'nothing'; }"));
        }

        Assert.Fail($"{MaxTabs} presses of Tab did not reach the button; the focus passed {string.Join(", ", passed)}");
    }

    private static async Task<ILocator> FindAsync(IPage page, EthGov.Core.Digests.Digest digest)
    {
        await page.Locator("#dept-issued-q").FillAsync(digest.ToString());
        await page.Locator("#dept-issued-q").PressAsync("Enter");
        var row = page.Locator($"#dept-issued-rows tr[data-digest='{digest}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "valid");
        return row;
    }

    private async Task<string?> StatusOfAsync(EthGov.Core.Digests.Digest digest)
    {
        using var client = fixture.Api.Client();
        using var verdict = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/verify/{digest}"));
        return verdict.RootElement.GetProperty("outcome").GetString();
    }
}
