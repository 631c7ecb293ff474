using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Page.Tests.TestSupport;
using EthGov.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// Exchange from the workspace, on two real department nodes, by keyboard alone: HEALTH's clerk asks CIVIL for a
/// record, CIVIL's clerk (in Chinese, on a phone) approves it, HEALTH's clerk requests the record under the new grant,
/// follows it to verified, opens it and its verification. Both pages pass axe, and screenshots are written.
/// </summary>
[Collection(ExchangePageCollection.Name)]
public sealed class ExchangeWorkspaceTests(ExchangePageFixture fixture)
{
    [Fact]
    public async Task AskApproveRequestOpen_ByKeyboard_InBothLanguages_AtPhoneWidth()
    {
        var civil = fixture.Cluster["CIVIL"];
        var health = fixture.Cluster["HEALTH"];
        var record = await IssueRecordAsync(civil);

        // HEALTH asks, in English.
        var asker = await fixture.NewPageAsync("en-US");
        await SignInByKeyboardAsync(asker, health);
        await TypeAsync(asker, "#xch-ask-holder", "CIVIL");
        await TypeAsync(asker, "#xch-ask-record", record.ToString());
        await TypeAsync(asker, "#xch-ask-purpose", "4");
        await asker.Locator("#xch-ask-expires").FocusAsync();
        await asker.Keyboard.TypeAsync(DateTime.UtcNow.AddDays(60).ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture).Replace("/", "", StringComparison.Ordinal));
        await TypeAsync(asker, "#xch-ask-basis", "Public Health Act s.12: school entry check");
        await asker.Locator("#xch-ask button[type=submit]").FocusAsync();
        await asker.Keyboard.PressAsync("Enter");
        await Expect(asker.Locator("#xch-notice")).ToContainTextAsync("CIVIL");
        var outgoing = asker.Locator("#xch-out li").First;
        await Expect(outgoing).ToHaveAttributeAsync("data-state", "pending");
        var requestId = await outgoing.GetAttributeAsync("data-request-id");
        await Axe.AssertNoViolationsAsync(asker);
        await Screenshots.SaveAsync(asker, "exchange-asked-en");

        // CIVIL approves, in Chinese, at phone width.
        var holder = await fixture.NewPageAsync("zh-CN", width: 390, height: 844);
        await SignInByKeyboardAsync(holder, civil);
        var incoming = holder.Locator($"#xch-in li[data-request-id='{requestId}']");
        await Expect(incoming).ToContainTextAsync("来自 HEALTH");
        await Expect(incoming).ToContainTextAsync("Public Health Act s.12");
        await Axe.AssertNoViolationsAsync(holder);
        await Screenshots.SaveAsync(holder, "exchange-incoming-zh-phone");
        Assert.True(await holder.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await incoming.Locator("button.approve").FocusAsync();
        await holder.Keyboard.PressAsync("Enter");
        await Expect(holder.Locator("#xch-notice")).ToContainTextAsync("已记入账本");
        await Expect(holder.Locator("#xch-notice")).ToBeFocusedAsync();
        await Expect(incoming).ToHaveAttributeAsync("data-state", "approved");
        var grantId = await incoming.GetAttributeAsync("data-grant");
        await Expect(holder.Locator($"#xch-given li[data-grant='{grantId}']")).ToContainTextAsync("HEALTH");

        // HEALTH sees the approval, requests the record and follows it to verified.
        await Expect(outgoing).ToHaveAttributeAsync("data-state", "approved");
        await outgoing.Locator("button.request-record").FocusAsync();
        await asker.Keyboard.PressAsync("Enter");
        var exchange = asker.Locator("#xch-exchanges li[data-exchange]").First;
        await Expect(exchange).ToBeVisibleAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await exchange.GetAttributeAsync("data-state") is not ("verified" or "refused"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the exchange is still {await exchange.GetAttributeAsync("data-state")}");
            // The holder releases against a confirmed log: blocks must follow the grantee's log transaction.
            await fixture.Cluster.Chain.CallAsync("evm_mine");
            await Task.Delay(500);
        }

        Assert.Equal("verified", await exchange.GetAttributeAsync("data-state"));
        await Expect(exchange.Locator("ol.steps li.done")).ToHaveCountAsync(4);
        await Expect(exchange.Locator("ol.steps li[aria-current='step']")).ToHaveTextAsync("Verified");
        await Axe.AssertNoViolationsAsync(asker);
        await Screenshots.SaveAsync(asker, "exchange-verified-en");

        // Open the record: the download is the record itself.
        await exchange.Locator("button.open-record").FocusAsync();
        var download = await asker.RunAndWaitForDownloadAsync(() => asker.Keyboard.PressAsync("Enter"));
        var path = await download.PathAsync();
        Assert.Equal(record, new Digest(SHA256.HashData(await File.ReadAllBytesAsync(path))));

        // In Chinese the steps and the actions speak Chinese.
        await asker.Locator("#lang-switch").FocusAsync();
        await asker.Keyboard.PressAsync("Enter");
        await Expect(exchange.Locator("ol.steps li[aria-current='step']")).ToHaveTextAsync("已核验");
        await Expect(exchange.Locator("a.verify-record")).ToHaveTextAsync("查看核验结果");
        await Axe.AssertNoViolationsAsync(asker);
        await Screenshots.SaveAsync(asker, "exchange-verified-zh");

        // The node keeps the list: a fresh browser signed in as HEALTH finds the exchange, verified.
        var exchangeId = await exchange.GetAttributeAsync("data-exchange");
        var again = await fixture.NewPageAsync();
        await SignInByKeyboardAsync(again, health);
        await Expect(again.Locator($"#xch-exchanges li[data-exchange='{exchangeId}']")).ToHaveAttributeAsync("data-state", "verified");

        // Its verification: the record is valid on chain.
        await exchange.Locator("a.verify-record").FocusAsync();
        await asker.Keyboard.PressAsync("Enter");
        await Expect(asker.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid");
    }

    private static async Task SignInByKeyboardAsync(IPage page, ClusterNode node)
    {
        await page.GotoAsync(new Uri(node.BaseUrl, "/department").ToString());
        await page.Locator("#dept-key").FocusAsync();
        await page.Keyboard.TypeAsync(node.ApiKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#xch")).ToBeVisibleAsync();
    }

    private static async Task TypeAsync(IPage page, string selector, string text)
    {
        await page.Locator(selector).FocusAsync();
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task<Digest> IssueRecordAsync(ClusterNode holder)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/records", new
        {
            kind = "vaccination-record",
            data = new { name = "A. Pupil", born = "2019-05-06", serial = Guid.NewGuid().ToString() },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"record: {(int)response.StatusCode} {text}");
        var digest = Digest.Parse(JsonDocument.Parse(text).RootElement.GetProperty("digest").GetString()!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (JsonDocument.Parse(await client.GetStringAsync($"/api/v1/documents/{digest}")).RootElement.GetProperty("status").GetString() != "anchored")
        {
            Assert.True(DateTime.UtcNow < deadline, $"record {digest} was not anchored");
            await Task.Delay(200);
        }

        return digest;
    }
}
