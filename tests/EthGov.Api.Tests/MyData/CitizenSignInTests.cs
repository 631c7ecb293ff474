using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.Passkeys;
using EthGov.Api.Tests.TestSupport;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Api.Tests.MyData;

/// <summary>
/// A citizen signs in on the holder's node with the passkey bound to their record, sees "My data" and signs out; and the
/// sign-ins an attacker could try (a replayed assertion, another origin, a passkey bound to nothing here, a challenge past
/// its time, a citizen's cookie on a clerk's route, one citizen asking for another's consent) are refused.
/// </summary>
public sealed class CitizenSignInTests(PasskeyFixture fixture) : IClassFixture<PasskeyFixture>
{
    [Fact]
    public async Task SignIn_WithTheBoundPasskey_OpensAStrictHttpOnlySession_ShowingMyData_UntilSignOut()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        await fixture.Host.WaitAnchoredAsync(record.ToString());
        using var browser = fixture.Host.CreateClient();

        using var signedIn = await SignInAsync(browser, citizen);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("ethgov-citizen=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(citizen.Id.ToString(), (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passkeyId").GetString());

        var data = await browser.GetFromJsonAsync<JsonElement>("/api/v1/my-data");
        var shown = Assert.Single(data.GetProperty("records").EnumerateArray());
        Assert.Equal((record.ToString(), "birth-certificate", "CIVIL", "self", "valid"), (
            shown.GetProperty("recordId").GetString(), shown.GetProperty("kind").GetString(), shown.GetProperty("holder").GetProperty("code").GetString(),
            shown.GetProperty("role").GetString(), shown.GetProperty("status").GetString()));

        using (var signOut = await browser.DeleteAsync("/api/v1/citizen/session"))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        using var after = await browser.GetAsync("/api/v1/my-data");
        await Problem.AssertAsync(after, HttpStatusCode.Unauthorized, "citizen-session-required");
    }

    [Fact]
    public async Task MyData_WithoutASession_Returns401CitizenSessionRequired()
    {
        using var response = await fixture.Anonymous.GetAsync("/api/v1/my-data");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "citizen-session-required");
    }

    [Fact]
    public async Task SignIn_ReplayedAssertion_Returns409SignInChallengeUsedAndOpensNoSecondSession()
    {
        using var citizen = new TestPasskey();
        await fixture.BindAsync(await fixture.RecordAsync(), citizen);
        var challenge = await ChallengeAsync(fixture.Anonymous);
        var assertion = citizen.AssertAsPage(challenge);
        using var first = fixture.Host.CreateClient();
        using (var signedIn = await PostSignInAsync(first, citizen, assertion))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        using var attacker = fixture.Host.CreateClient();
        using var replayed = await PostSignInAsync(attacker, citizen, assertion);

        await Problem.AssertAsync(replayed, HttpStatusCode.Conflict, "sign-in-challenge-used");
        Assert.False(replayed.Headers.Contains("Set-Cookie"));
        using var data = await attacker.GetAsync("/api/v1/my-data");
        await Problem.AssertAsync(data, HttpStatusCode.Unauthorized, "citizen-session-required");
    }

    [Fact]
    public async Task SignIn_AssertionMadeForAnotherOrigin_Returns400PasskeyWrongOrigin()
    {
        using var citizen = new TestPasskey();
        await fixture.BindAsync(await fixture.RecordAsync(), citizen);
        using var browser = fixture.Host.CreateClient();
        var challenge = await ChallengeAsync(browser);

        using var response = await PostSignInAsync(browser, citizen, citizen.AssertAsPage(challenge, origin: "https://phish.example"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-wrong-origin");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SignIn_PasskeyBoundToNoRecordHere_Returns401PasskeyNotRegistered()
    {
        using var stranger = new TestPasskey();
        using var browser = fixture.Host.CreateClient();

        using var response = await SignInAsync(browser, stranger);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "passkey-not-registered");
    }

    [Fact]
    public async Task SignIn_ACredentialIdOfAnotherCitizen_WithOnesOwnKey_Returns400PasskeyInvalidSignature()
    {
        using var victim = new TestPasskey();
        using var attacker = new TestPasskey();
        await fixture.BindAsync(await fixture.RecordAsync(), victim);
        using var browser = fixture.Host.CreateClient();
        var challenge = await ChallengeAsync(browser);
        var (clientData, authenticatorData, signature) = attacker.AssertAsPage(challenge);

        using var response = await browser.PostAsJsonAsync("/api/v1/citizen/sign-in", new
        {
            credentialId = Base64Url.EncodeToString(victim.CredentialId), clientDataJson = clientData, authenticatorData, signature,
        });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-invalid-signature");
    }

    [Fact]
    public async Task SignIn_ChallengePastItsTime_Returns410SignInChallengeExpired()
    {
        using var citizen = new TestPasskey();
        await fixture.BindAsync(await fixture.RecordAsync(), citizen);
        using var browser = fixture.Host.CreateClient();
        var challenge = await ChallengeAsync(browser);
        // Two minutes pass: the challenge's row says it ended a moment ago.
        DatabaseRows.Read(fixture.Host.DataDirectory, "UPDATE citizen_challenges SET expires_at = expires_at - 600000 WHERE used_at IS NULL");

        using var response = await PostSignInAsync(browser, citizen, citizen.AssertAsPage(challenge));

        await Problem.AssertAsync(response, HttpStatusCode.Gone, "sign-in-challenge-expired");
    }

    [Fact]
    public async Task SignIn_ChallengeNeverHandedOut_Returns409PasskeyChallengeMismatch()
    {
        using var citizen = new TestPasskey();
        await fixture.BindAsync(await fixture.RecordAsync(), citizen);
        using var browser = fixture.Host.CreateClient();

        using var response = await PostSignInAsync(browser, citizen, citizen.AssertAsPage(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "passkey-challenge-mismatch");
    }

    [Fact]
    public async Task CitizenSession_IsNoStaffSession_AClerksRouteAnswers401()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        using var browser = fixture.Host.CreateClient();
        using (var signedIn = await SignInAsync(browser, citizen))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        using var clerksRoute = await browser.GetAsync($"/api/v1/records/{record}/passkey");
        using var timeline = await browser.GetAsync($"/api/v1/records/{record}/timeline");

        await Problem.AssertAsync(clerksRoute, HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.AssertAsync(timeline, HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>Asks for a sign-in challenge.</summary>
    internal static async Task<byte[]> ChallengeAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/v1/citizen/sign-in/options", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("localhost", body.GetProperty("rpId").GetString());
        return Base64Url.DecodeFromChars(body.GetProperty("challenge").GetString());
    }

    /// <summary>Signs <paramref name="client"/> in with <paramref name="passkey"/>, as the page does.</summary>
    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient client, TestPasskey passkey)
        => await PostSignInAsync(client, passkey, passkey.AssertAsPage(await ChallengeAsync(client)));

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, TestPasskey passkey, (string ClientDataJson, string AuthenticatorData, string Signature) assertion)
        => client.PostAsJsonAsync("/api/v1/citizen/sign-in", new
        {
            credentialId = Base64Url.EncodeToString(passkey.CredentialId),
            clientDataJson = assertion.ClientDataJson,
            authenticatorData = assertion.AuthenticatorData,
            signature = assertion.Signature,
        });
}
