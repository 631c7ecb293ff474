using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>axe-core finds no accessibility violation (labels, contrast, landmarks, ARIA) on what a visitor sees.</summary>
[Collection(PageCollection.Name)]
public sealed class AccessibilityTests(PageFixture fixture)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task VerdictPages_HaveNoAxeViolations(string locale)
    {
        var valid = PageFixture.DigestOf(PageFixture.NewDocument("Axe valid"));
        var revoked = PageFixture.DigestOf(PageFixture.NewDocument("Axe revoked"));
        var civil = fixture.Chain.ClientFor(1).Documents;
        (await civil.AnchorAsync(valid)).Unwrap();
        (await civil.AnchorAsync(revoked)).Unwrap();
        (await civil.RevokeAsync(revoked, 2)).Unwrap();
        var page = await fixture.NewPageAsync(locale);

        foreach (var (digest, outcome) in new[] { (valid.ToString(), "valid"), (revoked.ToString(), "revoked") })
        {
            await page.GotoAsync(fixture.Api.Url($"/v/{digest}"));
            await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", outcome);
            await Axe.AssertNoViolationsAsync(page);
        }
    }

    [Fact]
    public async Task DepartmentView_HasNoAxeViolations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#dept-key").FillAsync(fixture.CivilKey);
        await page.Locator("#dept-key").PressAsync("Enter");
        await page.Locator("#dept-files").SetInputFilesAsync(
            new FilePayload { Name = "axe.pdf", MimeType = "application/pdf", Buffer = PageFixture.NewDocument("Axe department") });
        await Expect(page.Locator("#dept-rows tr[data-status='anchored']")).ToHaveCountAsync(1);
        await Axe.AssertNoViolationsAsync(page);
    }
}
