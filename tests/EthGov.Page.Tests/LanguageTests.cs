using System.Text.Json;
using EthGov.Page.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>The page speaks the browser's language, Chinese or English, and switches on request.</summary>
[Collection(PageCollection.Name)]
public sealed class LanguageTests(PageFixture fixture)
{
    [Fact]
    public async Task ChineseBrowser_ShowsChinese_AndSwitchesToEnglish()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("出生医学证明"));
        (await fixture.Chain.ClientFor(1).Documents.AnchorAsync(digest)).Unwrap();
        var page = await fixture.NewPageAsync("zh-CN");

        await page.GotoAsync(fixture.Api.Url($"/v/{digest}"));

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("有效");
        await Expect(page.Locator("#verify-title")).ToHaveTextAsync("这份文件是真的吗？");
        await Expect(page.Locator(".check[data-check='anchored'] .check-name")).ToHaveTextAsync("已记入账本");
        await Expect(page.Locator("#verdict-status")).ToContainTextAsync("核验结果：有效");
        await Screenshots.SaveAsync(page, "valid-zh-CN");

        await page.Locator("#lang-switch").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Valid");
        await Expect(page.Locator("#lang-switch")).ToHaveTextAsync("中文");
        // The choice is remembered on the next visit.
        await page.ReloadAsync();
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Valid");
    }

    [Fact]
    public async Task EnglishBrowser_ShowsEnglish_AndSwitchesToChinese()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Building permit"));
        var civil = fixture.Chain.ClientFor(1).Documents;
        (await civil.AnchorAsync(digest)).Unwrap();
        (await civil.RevokeAsync(digest, 3)).Unwrap();
        var page = await fixture.NewPageAsync("en-GB");

        await page.GotoAsync(fixture.Api.Url($"/v/{digest}"));

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Revoked");
        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("已撤销");
        await Expect(page.Locator(".verdict-summary")).ToContainTextAsync("撤销原因：签发部门撤回。");
        await Expect(page.Locator(".revocation-reason")).ToHaveTextAsync("签发部门撤回（代码 3）");
        await Screenshots.SaveAsync(page, "revoked-zh-CN");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task RevocationReasons_ThePageTitlesEveryPublishedReason_AsTheApiDoes(string language)
    {
        var page = await fixture.NewPageAsync(language);
        await page.GotoAsync(fixture.Api.Url("/"));

        var published = await page.EvaluateAsync<JsonElement>("async () => (await fetch('/api/v1/revocation-reasons')).json()");
        var names = published.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();
        var shown = await page.EvaluateAsync<string[]>(
            "async ([language, names]) => { const i18n = await import('/js/i18n.js'); i18n.setLanguage(language); return names.map((n) => i18n.t(`reason.${n}`)); }",
            new object[] { language, names });

        Assert.Equal(EthGov.Core.Revocations.RevocationReasons.All.Count, names.Length);
        Assert.Equal(published.EnumerateArray().Select(r => r.GetProperty("title").GetProperty(language).GetString()), shown);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Purposes_ThePageTitlesEveryPublishedPurpose_AsTheApiDoes(string language)
    {
        var page = await fixture.NewPageAsync(language);
        await page.GotoAsync(fixture.Api.Url("/"));

        var published = await page.EvaluateAsync<JsonElement>("async () => (await fetch('/api/v1/purposes')).json()");
        var names = published.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToArray();
        var shown = await page.EvaluateAsync<string[]>(
            "async ([language, names]) => { const i18n = await import('/js/i18n.js'); i18n.setLanguage(language); return names.map((n) => i18n.t(`purpose.${n}`)); }",
            new object[] { language, names });

        Assert.Equal(EthGov.Core.Purposes.GrantPurposes.All.Count, names.Length);
        Assert.Equal(published.EnumerateArray().Select(r => r.GetProperty("title").GetProperty(language).GetString()), shown);
    }

    [Fact]
    public async Task DocumentOfACompromisedKey_SaysSinceWhen_InEnglishAndChinese()
    {
        // HEALTH gets a second key, anchors with it, and reports it compromised since just before that anchoring.
        var stolen = await fixture.Chain.AddKeyAsync(signerDevAccount: 2, newDevAccount: 6);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Vaccination certificate"));
        var anchored = (await stolen.Documents.AnchorAsync(digest)).Unwrap();
        (await fixture.Chain.ClientFor(2).Departments.ReportCompromisedKeyAsync(stolen.Context.SignerAddress!, anchored.BlockTime.AddMinutes(-5))).Unwrap();
        var page = await fixture.NewPageAsync("en-GB");

        await page.GotoAsync(fixture.Api.Url($"/v/{digest}"));

        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "key-compromised");
        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("Recorded with a stolen key");
        await Expect(page.Locator(".verdict-summary")).ToContainTextAsync("reported stolen or lost from");
        await Expect(page.Locator(".key-compromised-since time")).ToHaveCountAsync(1);
        await Expect(page.Locator(".check[data-check='key-not-compromised']")).ToHaveAttributeAsync("data-outcome", "failed");
        await Expect(page.Locator(".check[data-check='key-not-compromised'] .check-name")).ToHaveTextAsync("The recording key was not compromised");
        await Screenshots.SaveAsync(page, "key-compromised");

        await page.Locator("#lang-switch").ClickAsync();

        await Expect(page.Locator("#verdict-title")).ToHaveTextAsync("以泄露的密钥记录");
        await Expect(page.Locator(".verdict-summary")).ToContainTextAsync("被盗或遗失");
        await Expect(page.Locator(".check[data-check='key-not-compromised'] .check-name")).ToHaveTextAsync("记录密钥未泄露");
        await Screenshots.SaveAsync(page, "key-compromised-zh-CN");
    }
}
