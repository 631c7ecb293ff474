using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Page.Tests.TestSupport;
using EthGov.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// A citizen in Chromium with a virtual authenticator (CDP WebAuthn domain: CTAP2, internal, user verification): registers
/// a passkey from a code on the holder's page at <c>localhost</c>, consents to HEALTH's access, the grant is on chain
/// naming that passkey, and the same passkey revokes it. One API process and one browser for the class.
/// </summary>
public sealed class PasskeyConsentPageTests(PasskeyConsentPageTests.Host host) : IClassFixture<PasskeyConsentPageTests.Host>
{
    [Fact]
    public async Task Citizen_RegistersFromACode_Consents_TheGrantIsOnChain_ThenRevokesIt()
    {
        var record = await host.RecordAsync();
        var code = await host.CodeAsync(record);
        var page = await host.PageWithAuthenticatorAsync();

        await page.GotoAsync(host.LocalhostUrl($"/passkeys/register#{code}"));
        await Expect(page.Locator("#register-code")).ToHaveValueAsync(code);
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#register-status")).ToHaveAttributeAsync("data-state", "register.done");
        var passkeyId = await page.Locator("#register-status").GetAttributeAsync("data-passkey-id");
        Assert.Equal(passkeyId, await host.BoundPasskeyAsync(record));

        var token = await host.ConsentRequestAsync(record);
        await page.GotoAsync(host.LocalhostUrl($"/consent#{token}"));
        await Expect(page.Locator("#consent-details")).ToContainTextAsync("HEALTH");
        await Expect(page.Locator("#consent-details")).ToContainTextAsync("viewed once, not kept");
        await Expect(page.Locator("#consent-details")).ToContainTextAsync("Civil status and identity (purpose code 7)");
        await Axe.AssertNoViolationsAsync(page, "color-contrast");
        await page.Locator("#consent-action").ClickAsync();
        await Expect(page.Locator("#consent-status")).ToHaveAttributeAsync("data-state", "consent.granted");
        var grantId = BigInteger.Parse((await page.Locator("#consent-status").GetAttributeAsync("data-grant-id"))!, System.Globalization.CultureInfo.InvariantCulture);

        var reader = host.Chain.Reader();
        var grant = (await reader.Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal((GrantBasis.PasskeyConsent, record, 2u, false), (grant.Basis, grant.RecordId, grant.GranteeDepartment, grant.Revoked));
        Assert.Equal(passkeyId, (await reader.Grants.PasskeyOfAsync(grantId)).Unwrap().ToString());

        await Expect(page.Locator("#consent-action")).ToHaveTextAsync("Revoke my consent");
        await page.Locator("#consent-action").ClickAsync();
        await Expect(page.Locator("#consent-status")).ToHaveAttributeAsync("data-state", "consent.revoked");
        Assert.True((await reader.Grants.GetAsync(grantId)).Unwrap().Revoked);
        await Expect(page.Locator("#consent-action")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ConsentPage_InChinese_SaysWhatIsAskedInChinese()
    {
        var record = await host.RecordAsync();
        var code = await host.CodeAsync(record);
        var page = await host.PageWithAuthenticatorAsync("zh-CN");
        await page.GotoAsync(host.LocalhostUrl($"/passkeys/register#{code}"));
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#register-status")).ToHaveAttributeAsync("data-state", "register.done");
        var token = await host.ConsentRequestAsync(record);

        await page.GotoAsync(host.LocalhostUrl($"/consent#{token}"));

        await Expect(page.Locator("#consent-details")).ToContainTextAsync("仅查看一次，不保存");
        await Expect(page.Locator("#consent-details")).ToContainTextAsync("户籍与身份（用途代码 7）");
        await Expect(page.Locator("#consent-details")).ToContainTextAsync("最多 2 次");
        await Expect(page.Locator("#consent-action")).ToHaveTextAsync("用我的通行密钥同意");
        await Axe.AssertNoViolationsAsync(page, "color-contrast");
    }

    [Fact]
    public async Task MyData_SignedInWithThePasskey_ShowsTheConsent_AxeCleanInBothLanguages_RevokedThere()
    {
        var record = await host.RecordAsync();
        var code = await host.CodeAsync(record);
        var page = await host.PageWithAuthenticatorAsync();
        await page.GotoAsync(host.LocalhostUrl($"/passkeys/register#{code}"));
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#register-status")).ToHaveAttributeAsync("data-state", "register.done");
        await page.GotoAsync(host.LocalhostUrl($"/consent#{await host.ConsentRequestAsync(record)}"));
        await page.Locator("#consent-action").ClickAsync();
        await Expect(page.Locator("#consent-status")).ToHaveAttributeAsync("data-state", "consent.granted");
        var grantId = (await page.Locator("#consent-status").GetAttributeAsync("data-grant-id"))!;

        await page.GotoAsync(host.LocalhostUrl("/my-data"));
        await Expect(page.Locator("#mydata-signin")).ToBeVisibleAsync();
        await page.Locator("#mydata-signin").ClickAsync();
        await Expect(page.Locator("#mydata-status")).ToHaveAttributeAsync("data-state", "mydata.welcome");
        var shown = page.Locator($".mydata-record[data-record-id='{record}']");
        await Expect(shown).ToContainTextAsync("birth-certificate");
        // The grant is found through the event index, a moment behind the chain: the page is read again until it is.
        var grant = shown.Locator($".mydata-grant[data-grant-id='{grantId}']");
        for (var i = 0; i < 30 && await grant.CountAsync() == 0; i++)
        {
            await page.ReloadAsync();
            await Task.Delay(500);
        }

        await Expect(grant).ToHaveAttributeAsync("data-state", "active");
        await Expect(grant).ToContainTextAsync("with your consent");
        await Axe.AssertNoViolationsAsync(page, "color-contrast");
        await page.Locator("#lang-switch").ClickAsync();
        await Expect(grant).ToContainTextAsync("经您同意");
        await Axe.AssertNoViolationsAsync(page, "color-contrast");

        await grant.Locator(".mydata-revoke").ClickAsync();

        await Expect(page.Locator("#mydata-status")).ToHaveAttributeAsync("data-state", "mydata.revoked");
        await Expect(grant).ToHaveAttributeAsync("data-state", "revoked");
        Assert.True((await host.Chain.Reader().Grants.GetAsync(BigInteger.Parse(grantId, System.Globalization.CultureInfo.InvariantCulture))).Unwrap().Revoked);
        await page.Locator("#mydata-signout").ClickAsync();
        await Expect(page.Locator("#mydata-signin")).ToBeVisibleAsync();
        await Expect(page.Locator(".mydata-record")).ToHaveCountAsync(0);
    }

    /// <summary>A chain, the API as CIVIL's node with records and a passkey origin on localhost, and Chromium.</summary>
    public sealed class Host : PageFixture
    {
        /// <summary>The page's address on localhost, the relying party; the API listens on 127.0.0.1, which an origin on an IP could not be.</summary>
        public string LocalhostUrl(string path) => $"http://localhost:{Api.BaseUrl.Port}{path}";

        /// <inheritdoc />
        protected override void Configure(ApiSettings settings)
        {
            settings.Settings["EthGov:DataKey"] = "dev:0";
            settings.Settings["EthGov:Passkeys:Origin"] = $"http://localhost:{settings.BaseUrl.Port}";
        }

        /// <summary>A page whose browser context has a CTAP2 platform authenticator that verifies the user.</summary>
        public Task<IPage> PageWithAuthenticatorAsync(string locale = "en-US") => VirtualAuthenticator.PageAsync(Browser, locale);

        public async Task<Digest> RecordAsync()
        {
            using var client = Api.Client(CivilKey);
            using var response = await client.PostAsJsonAsync("/api/v1/records", new { kind = "birth-certificate", data = new { n = Guid.NewGuid() } });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return Digest.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString()!);
        }

        public async Task<string> CodeAsync(Digest record)
        {
            using var client = Api.Client(CivilKey);
            using var response = await client.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { role = "self" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        }

        public async Task<string?> BoundPasskeyAsync(Digest record)
        {
            using var client = Api.Client(CivilKey);
            return (await client.GetFromJsonAsync<JsonElement>($"/api/v1/records/{record}/passkey")).GetProperty("passkeyId").GetString();
        }

        public async Task<string> ConsentRequestAsync(Digest record)
        {
            using var client = Api.Client(CivilKey);
            using var response = await client.PostAsJsonAsync("/api/v1/consent-requests",
                new { recordId = record.ToString(), granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(10), terms = new { use = "view-once", maxFetches = 2 } });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }
    }
}
