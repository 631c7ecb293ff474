using System.Text.Json;
using EthGov.Page.Tests.TestSupport;
using EthGov.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>A department signs in with its API key, anchors files by dropping them and downloads what it prints.</summary>
[Collection(PageCollection.Name)]
public sealed class DepartmentViewTests(PageFixture fixture)
{
    [Fact]
    public async Task DroppedFiles_BecomeConfirmed_WithReceiptAndQrCodes()
    {
        var first = PageFixture.NewDocument("Fishing licence");
        var second = PageFixture.NewDocument("Hunting licence");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));

        await page.Locator("#dept-key").FillAsync(fixture.CivilKey);
        await page.Locator("#dept-key").PressAsync("Enter");
        // Record every status a row shows on its way, to see it pass through pending.
        await page.EvaluateAsync(
            "() => { const rows = document.getElementById('dept-rows'); window.seenStatuses = new Set();" +
            " new MutationObserver(() => rows.querySelectorAll('tr').forEach(r => window.seenStatuses.add(r.dataset.status)))" +
            ".observe(rows, { childList: true, subtree: true, attributes: true }); }");
        await page.Locator("#dept-files").SetInputFilesAsync(
        [
            new FilePayload { Name = "fishing.pdf", MimeType = "application/pdf", Buffer = first },
            new FilePayload { Name = "hunting.pdf", MimeType = "application/pdf", Buffer = second },
        ]);

        var rows = page.Locator("#dept-rows tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#dept-rows tr[data-status='anchored']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#dept-summary")).ToHaveTextAsync("0 pending, 2 confirmed, 0 refused.");
        Assert.Contains("pending", await page.EvaluateAsync<string[]>("Array.from(window.seenStatuses)"));
        // The key lives in this tab's session storage only.
        Assert.Equal(fixture.CivilKey, await page.EvaluateAsync<string>("sessionStorage.getItem('ethgov.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        await Screenshots.SaveAsync(page, "department");

        var digest = PageFixture.DigestOf(first).ToString();
        var row = page.Locator($"#dept-rows tr[data-digest='{digest}']");
        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator(".receipt-download").ClickAsync());
        using var receipt = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        Assert.Equal(digest, receipt.RootElement.GetProperty("digest").GetString());
        Assert.Equal("CIVIL", receipt.RootElement.GetProperty("issuer").GetProperty("code").GetString());
        await Expect(row.Locator(".qr-png")).ToHaveAttributeAsync("href", $"/api/v1/documents/{digest}/qr?format=png");
    }

    [Fact]
    public async Task UnknownKey_SignsOutWithAMessage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Api.Url("/department"));

        await page.Locator("#dept-key").FillAsync("egk_not-a-real-key");
        await page.Locator("#dept-key").PressAsync("Enter");
        await page.Locator("#dept-files").SetInputFilesAsync(
            new FilePayload { Name = "x.pdf", MimeType = "application/pdf", Buffer = PageFixture.NewDocument("Nothing") });

        await Expect(page.Locator("#dept-message")).ToContainTextAsync("unknown or revoked");
        await Expect(page.Locator("#dept-key")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('ethgov.apiKey')"));
    }
}
