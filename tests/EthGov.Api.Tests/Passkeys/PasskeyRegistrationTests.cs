using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Passkeys;
using EthGov.Testing;

namespace EthGov.Api.Tests.Passkeys;

/// <summary>Binding a record to a passkey from a one-time code: the clerk's routes and the citizen's, with every refusal.</summary>
public sealed class PasskeyRegistrationTests(PasskeyFixture fixture) : IClassFixture<PasskeyFixture>
{
    [Fact]
    public async Task Register_FromACode_BindsTheRecordToThePasskeyIdTheContractComputes()
    {
        using var passkey = new TestPasskey();
        var record = await fixture.RecordAsync();
        var code = await fixture.CodeAsync(record, "guardian");

        using var response = await fixture.PostRegistrationAsync(code, passkey.Register(await fixture.RegistrationChallengeAsync(code)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var read = await fixture.Civil.GetAsync($"/api/v1/records/{record}/passkey");
        var binding = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(passkey.Id.ToString(), binding.GetProperty("passkeyId").GetString());
        Assert.Equal("guardian", binding.GetProperty("role").GetString());
        // Nothing about the code is kept but its hash.
        Assert.DoesNotContain(DatabaseRows.Read(fixture.Host.DataDirectory, "SELECT hex(code_hash) FROM passkey_codes"), row => row.Contains(code.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task IssueCode_Returns201WithACodeOf160BitsAndALinkWithTheCodeInItsFragment()
    {
        var record = await fixture.RecordAsync();

        using var response = await fixture.Civil.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.GetProperty("code").GetString()!;
        Assert.Equal(RegistrationCode.Length, code.Replace("-", string.Empty, StringComparison.Ordinal).Length);
        Assert.Equal($"{PasskeyFixture.Origin}/passkeys/register#{code}", body.GetProperty("registrationUrl").GetString());
        Assert.Equal("self", body.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Register_UsedCode_Returns409RegistrationCodeUsed()
    {
        using var citizen = new TestPasskey();
        using var attacker = new TestPasskey();
        var record = await fixture.RecordAsync();
        var code = await fixture.CodeAsync(record);
        using (var first = await fixture.PostRegistrationAsync(code, citizen.Register(await fixture.RegistrationChallengeAsync(code))))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var options = await fixture.Anonymous.PostAsJsonAsync("/api/v1/passkeys/registrations/options", new { code });
        using var again = await fixture.PostRegistrationAsync(code, attacker.Register(new byte[32]));

        await Problem.AssertAsync(options, HttpStatusCode.Conflict, "registration-code-used");
        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "registration-code-used");
        using var read = await fixture.Civil.GetAsync($"/api/v1/records/{record}/passkey");
        Assert.Equal(citizen.Id.ToString(), (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passkeyId").GetString());
    }

    [Fact]
    public async Task Register_UnknownCode_Returns404RegistrationCodeUnknown()
    {
        using var response = await fixture.Anonymous.PostAsJsonAsync("/api/v1/passkeys/registrations/options", new { code = RegistrationCode.New() });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "registration-code-unknown");
    }

    [Fact]
    public async Task Register_ExpiredCode_Returns410RegistrationCodeExpired()
    {
        var record = await fixture.RecordAsync();
        var code = await fixture.CodeAsync(record);
        DatabaseRows.Read(fixture.Host.DataDirectory, $"UPDATE passkey_codes SET expires_at = 0 WHERE hex(record_id) = '{Convert.ToHexString(record.ToArray())}'");

        using var response = await fixture.Anonymous.PostAsJsonAsync("/api/v1/passkeys/registrations/options", new { code });

        await Problem.AssertAsync(response, HttpStatusCode.Gone, "registration-code-expired");
    }

    [Fact]
    public async Task Register_AnotherOriginInTheClientData_Returns400PasskeyWrongOriginAndBindsNothing()
    {
        using var passkey = new TestPasskey();
        var record = await fixture.RecordAsync();
        var code = await fixture.CodeAsync(record);

        using var response = await fixture.PostRegistrationAsync(code, passkey.Register(await fixture.RegistrationChallengeAsync(code), origin: "http://localhost.evil.example:5080"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-wrong-origin");
        using var read = await fixture.Civil.GetAsync($"/api/v1/records/{record}/passkey");
        await Problem.AssertAsync(read, HttpStatusCode.NotFound, "passkey-not-bound");
    }

    [Fact]
    public async Task Register_AuthenticatorDataForAnotherRelyingParty_Returns400PasskeyWrongOrigin()
    {
        using var passkey = new TestPasskey();
        var code = await fixture.CodeAsync(await fixture.RecordAsync());

        using var response = await fixture.PostRegistrationAsync(code, passkey.Register(await fixture.RegistrationChallengeAsync(code), rpId: "evil.example"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-wrong-origin");
    }

    [Fact]
    public async Task Register_WithoutUserVerification_Returns400PasskeyUserNotVerified()
    {
        using var passkey = new TestPasskey();
        var code = await fixture.CodeAsync(await fixture.RecordAsync());

        using var response = await fixture.PostRegistrationAsync(code, passkey.Register(await fixture.RegistrationChallengeAsync(code), flags: 0x01));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-user-not-verified");
    }

    [Theory]
    [InlineData(-8, 1)]
    [InlineData(-7, 2)]
    public async Task Register_KeyThatIsNotES256OnP256_Returns400PasskeyNotP256(int alg, int crv)
    {
        using var passkey = new TestPasskey();
        var code = await fixture.CodeAsync(await fixture.RecordAsync());

        using var response = await fixture.PostRegistrationAsync(code, passkey.Register(await fixture.RegistrationChallengeAsync(code), alg: alg, crv: crv));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-not-p256");
    }

    [Fact]
    public async Task Register_ChallengeOfAnEarlierOptionsCall_Returns409PasskeyChallengeMismatch()
    {
        using var passkey = new TestPasskey();
        var code = await fixture.CodeAsync(await fixture.RecordAsync());
        var earlier = await fixture.RegistrationChallengeAsync(code);
        await fixture.RegistrationChallengeAsync(code);

        using var response = await fixture.PostRegistrationAsync(code, passkey.Register(earlier));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "passkey-challenge-mismatch");
    }

    [Fact]
    public async Task Register_AttestationObjectThatIsNotCbor_Returns400PasskeyResponseMalformed()
    {
        using var passkey = new TestPasskey();
        var code = await fixture.CodeAsync(await fixture.RecordAsync());
        var (clientData, _) = passkey.Register(await fixture.RegistrationChallengeAsync(code));

        using var response = await fixture.PostRegistrationAsync(code, (clientData, "_____w"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "passkey-response-malformed");
    }

    [Fact]
    public async Task IssueCode_RecordBoundAlready_Returns409PasskeyAlreadyBound_UntilTheClerkRevokesTheBinding()
    {
        using var lost = new TestPasskey();
        using var replacement = new TestPasskey();
        var record = await fixture.RecordAsync();
        await fixture.BindAsync(record, lost);

        using var refused = await fixture.Civil.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { });
        using var revoked = await fixture.Civil.DeleteAsync($"/api/v1/records/{record}/passkey");
        using var revokedAgain = await fixture.Civil.DeleteAsync($"/api/v1/records/{record}/passkey");
        await fixture.BindAsync(record, replacement);

        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "passkey-already-bound");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await Problem.AssertAsync(revokedAgain, HttpStatusCode.NotFound, "passkey-not-bound");
        using var read = await fixture.Civil.GetAsync($"/api/v1/records/{record}/passkey");
        Assert.Equal(replacement.Id.ToString(), (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passkeyId").GetString());
    }

    [Fact]
    public async Task IssueCode_AnotherDepartmentsRecord_Returns404RecordNotFound()
    {
        var record = await fixture.RecordAsync();
        using var health = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("HEALTH"));

        using var response = await health.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { });

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "record-not-found");
    }

    [Fact]
    public async Task IssueCode_KeyWithoutRecordsScope_Returns403InsufficientScope()
    {
        var record = await fixture.RecordAsync();
        using var client = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL", Application.ApiKeys.ApiKeyScopes.Grants));

        using var response = await client.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
    }
}
