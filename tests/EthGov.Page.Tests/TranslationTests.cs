using System.Text.RegularExpressions;
using EthGov.Core.Verification;
using EthGov.Page.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// Every sentence the page can show exists in English and in Chinese: the page's own texts key by key, and every sentence
/// the verifier can put in a check's detail. A text added in one language only, or a verifier sentence the page cannot say
/// in Chinese, fails here.
/// </summary>
[Collection(PageCollection.Name)]
public sealed partial class TranslationTests(PageFixture fixture)
{
    // Texts that are the same in both languages on purpose: names and symbols, not sentences.
    private static readonly HashSet<string> s_sameInBothLanguages = ["brand.short"];

    [Fact]
    public async Task EveryPageText_IsInBothLanguages_AndTranslated()
    {
        var (english, chinese) = await TextsAsync();
        var pageKeys = (IEnumerable<string> keys) => keys.Where(k => !k.StartsWith("phrase.", StringComparison.Ordinal) || k == "phrase.separator").Order().ToArray();

        Assert.Equal(pageKeys(english.Keys), pageKeys(chinese.Keys));
        var untranslated = english.Where(e => !s_sameInBothLanguages.Contains(e.Key) && chinese.TryGetValue(e.Key, out var zh) && zh == e.Value && HasWords(e.Value))
            .Select(e => e.Key).ToArray();
        Assert.Empty(untranslated);
        foreach (var (key, text) in english)
        {
            if (chinese.TryGetValue(key, out var zh))
            {
                Assert.True(Placeholders(text).SequenceEqual(Placeholders(zh)), $"{key}: English has {{{string.Join("}, {", Placeholders(text))}}}, Chinese {{{string.Join("}, {", Placeholders(zh))}}}");
            }
        }
    }

    [Fact]
    public async Task EveryVerifierSentence_HasAChineseSentence_WithTheSameValues()
    {
        var (_, chinese) = await TextsAsync();

        var missing = CheckPhrases.English.Keys.Where(k => !chinese.ContainsKey($"phrase.{k}")).ToArray();
        Assert.Empty(missing);
        var unknown = chinese.Keys.Where(k => k.StartsWith("phrase.", StringComparison.Ordinal) && k != "phrase.separator" && !CheckPhrases.English.ContainsKey(k["phrase.".Length..])).ToArray();
        Assert.Empty(unknown);
        foreach (var (key, template) in CheckPhrases.English)
        {
            Assert.True(Placeholders(template).SequenceEqual(Placeholders(chinese[$"phrase.{key}"])), $"phrase.{key} names other values in Chinese");
        }
    }

    [Fact]
    public async Task ChineseVerdict_SaysEveryCheckInChinese_AndEnglishTheVerifiersSentences()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Marriage certificate"));
        var civil = fixture.Chain.ClientFor(1).Documents;
        (await civil.AnchorAsync(digest)).Unwrap();
        (await civil.RevokeAsync(digest, 3)).Unwrap();
        var page = await fixture.NewPageAsync("zh-CN");

        await page.GotoAsync(fixture.Api.Url($"/v/{digest}"));

        var revoked = page.Locator(".check[data-check='not-revoked'] .check-detail");
        await Expect(revoked).ToHaveTextAsync("已被签发部门撤销，原因：签发部门撤回（代码 3）");
        await Expect(revoked).ToHaveAttributeAsync("lang", "zh-CN");
        var details = page.Locator(".check-detail");
        Assert.Equal(12, await details.CountAsync());
        foreach (var detail in await details.AllAsync())
        {
            Assert.Equal("zh-CN", await detail.GetAttributeAsync("lang"));
            Assert.DoesNotMatch(EnglishWord(), await detail.InnerTextAsync());
        }

        await page.Locator("#lang-switch").ClickAsync();

        await Expect(revoked).ToHaveTextAsync("revoked by its issuing department, reason withdrawn (3)");
        await Expect(revoked).ToHaveAttributeAsync("lang", "en");
    }

    private async Task<(Dictionary<string, string> English, Dictionary<string, string> Chinese)> TextsAsync()
    {
        var page = await fixture.NewPageAsync("en");
        await page.GotoAsync(fixture.Api.Url("/"));
        var english = await page.EvaluateAsync<Dictionary<string, string>>("async () => (await import('/js/i18n.js')).texts('en')");
        var chinese = await page.EvaluateAsync<Dictionary<string, string>>("async () => (await import('/js/i18n.js')).texts('zh-CN')");
        return (english, chinese);
    }

    private static string[] Placeholders(string text) => [.. CheckPhrases.Placeholders(text).Order()];

    private static bool HasWords(string text) => Regex.IsMatch(text, "[A-Za-z]{3,}");

    // An English word of three letters or more that is not part of a hexadecimal value, a code or a name in the values.
    [GeneratedRegex(@"\b(the|and|not|was|block|department|anchored|receipt|registry|revoked|valid|expiry|issued)\b")]
    private static partial Regex EnglishWord();
}
