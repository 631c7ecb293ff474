using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Api.Tests.Passkeys;

/// <summary>
/// Consent by passkey through the holder's node: the request, the challenge, the assertion relayed to a real Hardhat node,
/// revocation by the same passkey; and the attacks a page or a relayer could try, refused before anything is sent.
/// </summary>
public sealed class ConsentByPasskeyTests(PasskeyFixture fixture) : IClassFixture<PasskeyFixture>
{
    [Fact]
    public async Task Consent_AssertionOverTheChallenge_IsAPasskeyGrantOnChain_ThenTheSamePasskeyRevokesIt()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);

        var (challenge, action) = await fixture.ConsentChallengeAsync(token);
        using var granted = await fixture.PostAssertionAsync(token, citizen.AssertAsPage(challenge));

        Assert.Equal("consent", action);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var grantId = BigInteger.Parse((await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grantId").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var grant = (await fixture.Chain.Reader().Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal((GrantBasis.PasskeyConsent, record, 2u, (ushort)7, GrantUse.ViewOnce, (ushort)2, (Digest?)citizen.Id),
            (grant.Basis, grant.RecordId, grant.GranteeDepartment, grant.Purpose, grant.Terms.Use, grant.Terms.MaxFetches, grant.Subject));
        Assert.Equal(citizen.Id, (await fixture.Chain.Reader().Grants.PasskeyOfAsync(grantId)).Unwrap());

        var (revocation, next) = await fixture.ConsentChallengeAsync(token);
        using var revoked = await fixture.PostAssertionAsync(token, citizen.AssertAsPage(revocation));

        Assert.Equal("revocation", next);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await fixture.Chain.Reader().Grants.GetAsync(grantId)).Unwrap().Revoked);
        using var view = await fixture.Anonymous.GetAsync($"/api/v1/consent-requests/{token}");
        Assert.Equal("revoked", (await view.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        using var closed = await fixture.Anonymous.PostAsync($"/api/v1/consent-requests/{token}/challenge", null);
        await Problem.AssertAsync(closed, HttpStatusCode.Conflict, "consent-request-closed");
    }

    [Fact]
    public async Task GetConsentRequest_ShowsTheDepartmentsRecordAndTerms()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);

        using var response = await fixture.Anonymous.GetAsync($"/api/v1/consent-requests/{token}");

        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("CIVIL", "HEALTH", "birth-certificate", "asked", 7), (
            view.GetProperty("holder").GetProperty("code").GetString(), view.GetProperty("grantee").GetProperty("code").GetString(),
            view.GetProperty("kind").GetString(), view.GetProperty("state").GetString(), view.GetProperty("purpose").GetInt32()));
        Assert.Equal(2, view.GetProperty("terms").GetProperty("maxFetches").GetInt32());
    }

    [Fact]
    public async Task Consent_ReplayedAssertion_Returns409PasskeyChallengeMismatchAndMakesNoSecondGrant()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var first = await fixture.ConsentRequestAsync(record);
        var second = await fixture.ConsentRequestAsync(record);
        var assertion = citizen.AssertAsPage((await fixture.ConsentChallengeAsync(first)).Challenge);
        using (var granted = await fixture.PostAssertionAsync(first, assertion))
        {
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        }

        var grants = (await fixture.Chain.Reader().Grants.CountAsync()).Unwrap();
        await fixture.ConsentChallengeAsync(second);
        using var replayedHere = await fixture.PostAssertionAsync(first, assertion);
        using var replayedThere = await fixture.PostAssertionAsync(second, assertion);

        await Problem.AssertAsync(replayedHere, HttpStatusCode.Conflict, "passkey-challenge-mismatch");
        await Problem.AssertAsync(replayedThere, HttpStatusCode.Conflict, "passkey-challenge-mismatch");
        Assert.Equal(grants, (await fixture.Chain.Reader().Grants.CountAsync()).Unwrap());
    }

    [Fact]
    public async Task Consent_AssertionSignedForAnotherRecord_Returns409PasskeyChallengeMismatch()
    {
        using var citizen = new TestPasskey();
        var mine = await fixture.RecordAsync();
        var other = await fixture.RecordAsync();
        await fixture.BindAsync(mine, citizen);
        await fixture.BindAsync(other, citizen);
        var forOther = await fixture.ConsentRequestAsync(other);
        var forMine = await fixture.ConsentRequestAsync(mine);
        var signedForOther = citizen.AssertAsPage((await fixture.ConsentChallengeAsync(forOther)).Challenge);
        await fixture.ConsentChallengeAsync(forMine);

        using var response = await fixture.PostAssertionAsync(forMine, signedForOther);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "passkey-challenge-mismatch");
    }

    [Fact]
    public async Task Consent_AnotherOriginInTheClientData_Returns400PasskeyWrongOrigin()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);
        var (challenge, _) = await fixture.ConsentChallengeAsync(token);

        using var response = await fixture.PostAssertionAsync(token, citizen.AssertAsPage(challenge, origin: "https://phish.example"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-wrong-origin");
    }

    [Fact]
    public async Task Consent_AnotherPasskeysSignature_Returns400PasskeyInvalidSignature()
    {
        using var citizen = new TestPasskey();
        using var stranger = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);
        var (challenge, _) = await fixture.ConsentChallengeAsync(token);

        using var response = await fixture.PostAssertionAsync(token, stranger.AssertAsPage(challenge));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-invalid-signature");
    }

    [Fact]
    public async Task Consent_WithoutUserVerification_Returns400PasskeyUserNotVerified()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);
        var (challenge, _) = await fixture.ConsentChallengeAsync(token);

        using var response = await fixture.PostAssertionAsync(token, citizen.AssertAsPage(challenge, flags: 0x01));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-user-not-verified");
    }

    [Theory]
    [InlineData("grantee")]
    [InlineData(null)]
    public async Task CreateConsentRequest_TermsTheCitizenCouldNotRevoke_Returns400InvalidTerms(string? revoker)
    {
        var record = await fixture.RecordAsync();
        string[] revocableBy = revoker is null ? [] : [revoker];

        using var response = await fixture.Civil.PostAsJsonAsync("/api/v1/consent-requests", new
        {
            recordId = record.ToString(), granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(10),
            terms = new { use = "store", retentionDays = 30, maxFetches = 3, revocableBy },
        });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-terms");
        Assert.Contains("consent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateConsentRequest_RecordBoundToNoPasskey_Returns404PasskeyNotBound()
    {
        var record = await fixture.RecordAsync();

        using var response = await fixture.Civil.PostAsJsonAsync("/api/v1/consent-requests",
            new { recordId = record.ToString(), granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(10) });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "passkey-not-bound");
    }

    [Fact]
    public async Task Challenge_UnknownToken_Returns404ConsentRequestNotFound()
    {
        using var response = await fixture.Anonymous.PostAsync("/api/v1/consent-requests/AAAAAAAAAAAAAAAAAAAAAA/challenge", null);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "consent-request-not-found");
    }

    [Fact]
    public async Task Challenge_LinkExpiredBeforeConsent_Returns410ConsentRequestExpired()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);
        DatabaseRows.Read(fixture.Host.DataDirectory, $"UPDATE consent_requests SET valid_until = 0 WHERE hex(record_id) = '{Convert.ToHexString(record.ToArray())}'");

        using var response = await fixture.Anonymous.PostAsync($"/api/v1/consent-requests/{token}/challenge", null);

        await Problem.AssertAsync(response, HttpStatusCode.Gone, "consent-request-expired");
    }

    [Fact]
    public async Task Assertion_BeforeAnyChallenge_Returns409PasskeyChallengeMismatch()
    {
        using var citizen = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, citizen);
        var token = await fixture.ConsentRequestAsync(record);

        using var response = await fixture.PostAssertionAsync(token, citizen.AssertAsPage(new byte[32]));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "passkey-challenge-mismatch");
    }
}
