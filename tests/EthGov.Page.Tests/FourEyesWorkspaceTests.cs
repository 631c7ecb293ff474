using System.Text.Json;
using EthGov.Application.ApiKeys;
using EthGov.Core.Digests;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// Four eyes in the workspace: a clerk's revocation becomes a request, a second clerk with the approver role finds it in
/// the workspace and approves it; a clerk's own request offers no approval, and the API refuses one anyway.
/// </summary>
[Collection(FourEyesPageCollection.Name)]
public sealed class FourEyesWorkspaceTests(FourEyesPageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Theory]
    [InlineData("zh-CN", "申请", "已批准", "已撤销")]
    [InlineData("en-US", "Request", "approved", "Revoked")]
    public async Task Revocation_IsARequest_UntilASecondClerkApprovesIt_ThenTheDocumentIsRevoked(string locale, string requested, string approved, string revoked)
    {
        var asker = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor | ApiKeyScopes.Revoke);
        var approver = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor, approver: true);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Four eyes " + locale));
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync(locale);
        await SignInAsync(page, asker);
        var row = await FindAsync(page, digest);

        await row.Locator("button.revoke").ClickAsync();
        await page.Locator("#dept-revoke-reason").SelectOptionAsync("withdrawn");
        await page.Locator("#dept-revoke-note").FillAsync("decision withdrawn on appeal");
        await page.Locator("#dept-revoke-confirm").CheckAsync();
        await page.Locator("#dept-revoke-submit").ClickAsync();

        await Expect(page.Locator("#dept-notice")).ToContainTextAsync(requested);
        await Expect(row).ToHaveAttributeAsync("data-status", "valid");
        await Expect(page.Locator("#dept-requests")).ToBeHiddenAsync();
        Assert.Equal("valid", await OutcomeAsync(digest));

        var second = await fixture.NewPageAsync(locale, width: 390, height: 844);
        await SignInAsync(second, approver);
        var request = second.Locator($"#dept-requests-list li[data-digest='{digest}']");
        await Expect(request).ToContainTextAsync(asker);
        await Expect(request).ToContainTextAsync("decision withdrawn on appeal");
        await Axe.AssertNoViolationsAsync(second);
        await Screenshots.SaveAsync(second, "department-four-eyes-phone-" + locale);
        await request.Locator("button.approve").ClickAsync();

        await Expect(second.Locator("#dept-notice")).ToContainTextAsync(approved);
        await Expect(request).ToHaveCountAsync(0);
        await Expect(second.Locator("#dept-requests-title")).ToBeFocusedAsync();
        await second.GotoAsync(fixture.Api.Url($"/v/{digest}"));
        await Expect(second.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "revoked");
        await Expect(second.Locator(".verdict-title")).ToContainTextAsync(revoked);
        await Expect(second.Locator(".revocation-reason")).ToHaveAttributeAsync("data-reason", "withdrawn");
    }

    [Fact]
    public async Task OwnRequest_OffersNoApproval_AndTheApiRefusesTheClerkWhoAskedWith403()
    {
        var clerk = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor | ApiKeyScopes.Revoke, approver: true);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Own request"));
        await fixture.AnchorThroughApiAsync(digest);
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, clerk);
        var row = await FindAsync(page, digest);
        await row.Locator("button.revoke").ClickAsync();
        await page.Locator("#dept-revoke-reason").SelectOptionAsync("issued-in-error");
        await page.Locator("#dept-revoke-confirm").CheckAsync();
        await page.Locator("#dept-revoke-submit").ClickAsync();

        var request = page.Locator($"#dept-requests-list li[data-digest='{digest}']");
        await Expect(request.Locator(".own-request")).ToBeVisibleAsync();
        await Expect(request.Locator("button.approve")).ToHaveCountAsync(0);
        var id = await request.GetAttributeAsync("data-request");

        var answer = await page.EvaluateAsync<JsonElement>("""
            async (id) => {
              const session = await (await fetch('/api/v1/session')).json();
              const response = await fetch(`/api/v1/change-requests/${id}/approval`, { method: 'POST', headers: { [session.csrfHeader]: session.csrfToken } });
              return { status: response.status, type: (await response.json()).type };
            }
            """, id);

        Assert.Equal(403, answer.GetProperty("status").GetInt32());
        Assert.EndsWith("/own-change-request", answer.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("valid", await OutcomeAsync(digest));
    }

    private async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();
    }

    private static async Task<ILocator> FindAsync(IPage page, Digest digest)
    {
        await page.Locator("#dept-issued-q").FillAsync(digest.ToString());
        await page.Locator("#dept-issued-q").PressAsync("Enter");
        var row = page.Locator($"#dept-issued-rows tr[data-digest='{digest}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "valid");
        return row;
    }

    private async Task<string?> OutcomeAsync(Digest digest)
    {
        using var client = fixture.Api.Client();
        using var verdict = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/verify/{digest}"));
        return verdict.RootElement.GetProperty("outcome").GetString();
    }
}
