using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using EthGov.Api.Tests.Passkeys;
using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Keys;
using EthGov.Testing;

namespace EthGov.Api.Tests.MyData;

/// <summary>
/// "My data" shows a citizen their records and the grants that open them, as the chain holds them, and nothing of another
/// citizen's; a consent given with the passkey is revoked from there with the same passkey, and the chain says so.
/// </summary>
public sealed class MyDataTests(PasskeyFixture fixture) : IClassFixture<PasskeyFixture>
{
    [Fact]
    public async Task MyData_ShowsTheConsentOnChain_ThenRevokedFromMyData_TheChainAndMyDataSayRevoked()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var grantId = await ConsentAsync(record, citizen);
        using var browser = fixture.Host.CreateClient();
        using (await CitizenSignInTests.SignInAsync(browser, citizen))
        {
        }

        var grant = Assert.Single(GrantsOf(await IndexedAsync(browser, record.ToString()), record.ToString()));
        Assert.Equal((grantId, "passkey-consent", "HEALTH", 7, "active", true), (
            grant.GetProperty("grantId").GetString(), grant.GetProperty("basis").GetString(), grant.GetProperty("grantee").GetProperty("code").GetString(),
            grant.GetProperty("purpose").GetInt32(), grant.GetProperty("state").GetString(), grant.GetProperty("revocable").GetBoolean()));
        Assert.Equal(2, grant.GetProperty("terms").GetProperty("maxFetches").GetInt32());

        using var challenge = await browser.PostAsync($"/api/v1/my-data/grants/{grantId}/challenge", null);
        var asked = await challenge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("revocation", asked.GetProperty("action").GetString());
        var (clientData, authenticatorData, signature) = citizen.AssertAsPage(System.Buffers.Text.Base64Url.DecodeFromChars(asked.GetProperty("challenge").GetString()));
        using var revoked = await browser.PostAsJsonAsync($"/api/v1/my-data/grants/{grantId}/revocation", new { clientDataJson = clientData, authenticatorData, signature });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await fixture.Chain.Reader().Grants.GetAsync(BigInteger.Parse(grantId, System.Globalization.CultureInfo.InvariantCulture))).Unwrap().Revoked);
        var after = Assert.Single(GrantsOf(await browser.GetFromJsonAsync<JsonElement>("/api/v1/my-data"), record.ToString()));
        Assert.Equal(("revoked", false), (after.GetProperty("state").GetString(), after.GetProperty("revocable").GetBoolean()));
    }

    [Fact]
    public async Task MyData_OfAnotherCitizen_ShowsNothingOfTheFirst_AndCannotRevokeTheFirstsConsent()
    {
        using var first = new TestPasskey();
        using var second = new TestPasskey();
        var firstRecord = await fixture.RecordAsync();
        var secondRecord = await fixture.RecordAsync();
        await fixture.BindAsync(firstRecord, first);
        await fixture.BindAsync(secondRecord, second);
        var firstGrant = await ConsentAsync(firstRecord, first);
        using var browser = fixture.Host.CreateClient();
        using (await CitizenSignInTests.SignInAsync(browser, second))
        {
        }

        var text = await browser.GetStringAsync("/api/v1/my-data");
        using var challenge = await browser.PostAsync($"/api/v1/my-data/grants/{firstGrant}/challenge", null);
        using var revocation = await browser.PostAsJsonAsync($"/api/v1/my-data/grants/{firstGrant}/revocation",
            new { clientDataJson = "e30", authenticatorData = "AA", signature = "AA" });

        var records = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("records");
        Assert.Equal(secondRecord.ToString(), Assert.Single(records.EnumerateArray()).GetProperty("recordId").GetString());
        Assert.DoesNotContain(firstRecord.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"\"grantId\":\"{firstGrant}\"", text, StringComparison.Ordinal);
        await Problem.AssertAsync(challenge, HttpStatusCode.NotFound, "consent-request-not-found");
        await Problem.AssertAsync(revocation, HttpStatusCode.NotFound, "consent-request-not-found");
        Assert.False((await fixture.Chain.Reader().Grants.GetAsync(BigInteger.Parse(firstGrant, System.Globalization.CultureInfo.InvariantCulture))).Unwrap().Revoked);
    }

    [Fact]
    public async Task MyDataRevocation_WithoutASession_Returns401CitizenSessionRequired()
    {
        using var response = await fixture.Anonymous.PostAsync("/api/v1/my-data/grants/1/challenge", null);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "citizen-session-required");
    }

    private async Task<string> ConsentAsync(EthGov.Core.Digests.Digest record, TestPasskey citizen)
    {
        var token = await fixture.ConsentRequestAsync(record);
        var (challenge, _) = await fixture.ConsentChallengeAsync(token);
        using var granted = await fixture.PostAssertionAsync(token, citizen.AssertAsPage(challenge));
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        return (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grantId").GetString()!;
    }

    // Grants are found through the event index, which follows the chain a moment behind.
    private static async Task<JsonElement> IndexedAsync(HttpClient browser, string record)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var data = await browser.GetFromJsonAsync<JsonElement>("/api/v1/my-data");
            if (GrantsOf(data, record).Any() || DateTime.UtcNow > deadline)
            {
                return data;
            }

            await Task.Delay(200);
        }
    }

    private static JsonElement.ArrayEnumerator GrantsOf(JsonElement data, string record)
        => data.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("recordId").GetString() == record).GetProperty("grants").EnumerateArray();
}
