using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Api.Tests.Passkeys;

/// <summary>One chain and one API host whose passkey origin is <see cref="Origin"/>, with a key for CIVIL (the holder) and the steps a citizen's page takes.</summary>
public sealed class PasskeyFixture : IAsyncLifetime
{
    public const string Origin = "http://localhost:5080";

    public DevChain Chain { get; } = new();

    public ApiHost Host { get; private set; } = null!;

    public HttpClient Civil { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Host = await ApiHost.StartAsync(Chain, new Dictionary<string, string?> { ["EthGov:Passkeys:Origin"] = Origin });
        Civil = Host.ClientWithKey(await Host.CreateKeyAsync("CIVIL"));
        Anonymous = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Civil.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
        await Chain.DisposeAsync();
    }

    /// <summary>A new JSON record kept by CIVIL.</summary>
    public async Task<Digest> RecordAsync()
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/records", new { kind = "birth-certificate", data = new { n = Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Digest.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString()!);
    }

    /// <summary>A registration code for <paramref name="record"/>.</summary>
    public async Task<string> CodeAsync(Digest record, string role = "self")
    {
        using var response = await Civil.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>The challenge the page gets for <paramref name="code"/>.</summary>
    public async Task<byte[]> RegistrationChallengeAsync(string code)
    {
        using var response = await Anonymous.PostAsJsonAsync("/api/v1/passkeys/registrations/options", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Buffers.Text.Base64Url.DecodeFromChars((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString());
    }

    /// <summary>Posts a registration answer.</summary>
    public Task<HttpResponseMessage> PostRegistrationAsync(string code, (string ClientDataJson, string AttestationObject) answer)
        => Anonymous.PostAsJsonAsync("/api/v1/passkeys/registrations", new { code, clientDataJson = answer.ClientDataJson, attestationObject = answer.AttestationObject });

    /// <summary>Binds <paramref name="record"/> to <paramref name="passkey"/> the way the page does.</summary>
    public async Task BindAsync(Digest record, TestPasskey passkey)
    {
        var code = await CodeAsync(record);
        using var response = await PostRegistrationAsync(code, passkey.Register(await RegistrationChallengeAsync(code)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A consent request for HEALTH's access to <paramref name="record"/>; returns its token.</summary>
    public async Task<string> ConsentRequestAsync(Digest record)
    {
        using var response = await Civil.PostAsJsonAsync("/api/v1/consent-requests",
            new { recordId = record.ToString(), granteeDepartment = "HEALTH", purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(10), terms = new { use = "view-once", maxFetches = 2 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The challenge of a request's next step, and the step's name.</summary>
    public async Task<(byte[] Challenge, string Action)> ConsentChallengeAsync(string token)
    {
        using var response = await Anonymous.PostAsync($"/api/v1/consent-requests/{token}/challenge", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (System.Buffers.Text.Base64Url.DecodeFromChars(body.GetProperty("challenge").GetString()), body.GetProperty("action").GetString()!);
    }

    /// <summary>Posts an assertion as the page does.</summary>
    public Task<HttpResponseMessage> PostAssertionAsync(string token, (string ClientDataJson, string AuthenticatorData, string Signature) assertion)
        => Anonymous.PostAsJsonAsync($"/api/v1/consent-requests/{token}/assertion",
            new { clientDataJson = assertion.ClientDataJson, authenticatorData = assertion.AuthenticatorData, signature = assertion.Signature });
}
