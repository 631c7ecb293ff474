using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>What a citizen and the holder's clerks do on the holder's node, through its API, with a <see cref="TestPasskey"/>.</summary>
public static class NodeCitizens
{
    /// <summary>The holder's page origin, the passkeys' relying party (see <see cref="NodeCluster"/>).</summary>
    public static string Origin(ClusterNode holder) => $"http://localhost:{holder.BaseUrl.Port}";

    /// <summary>A registration code for <paramref name="record"/>, issued by the holder's clerk.</summary>
    public static async Task<string> CodeAsync(ClusterNode holder, Digest record)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync($"/api/v1/records/{record}/passkey-codes", new { role = "self" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>A consent request for <paramref name="grantee"/>'s access to <paramref name="record"/>: its token.</summary>
    public static async Task<string> ConsentRequestAsync(ClusterNode holder, Digest record, string grantee)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/consent-requests", new
        {
            recordId = record.ToString(), granteeDepartment = grantee, purpose = 7, expiresAt = DateTimeOffset.UtcNow.AddDays(10),
            terms = new { use = "store", retentionDays = 30, maxFetches = 5 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Binds <paramref name="record"/> to <paramref name="passkey"/> and consents to <paramref name="grantee"/>'s access; returns the grant id.</summary>
    public static async Task<string> BindAndConsentAsync(ClusterNode holder, Digest record, TestPasskey passkey, string grantee)
    {
        var origin = Origin(holder);
        using var anyone = holder.Client();
        var code = await CodeAsync(holder, record);
        using (var options = await anyone.PostAsJsonAsync("/api/v1/passkeys/registrations/options", new { code }))
        {
            var challenge = Base64Url.DecodeFromChars((await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString());
            var (clientData, attestation) = passkey.Register(challenge, origin);
            using var bound = await anyone.PostAsJsonAsync("/api/v1/passkeys/registrations", new { code, clientDataJson = clientData, attestationObject = attestation });
            Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        }

        var token = await ConsentRequestAsync(holder, record, grantee);
        using var asked = await anyone.PostAsync($"/api/v1/consent-requests/{token}/challenge", null);
        var consentChallenge = Base64Url.DecodeFromChars((await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString());
        var (data, authenticator, signature) = passkey.AssertAsPage(consentChallenge, origin);
        using var granted = await anyone.PostAsJsonAsync($"/api/v1/consent-requests/{token}/assertion", new { clientDataJson = data, authenticatorData = authenticator, signature });
        Assert.True(granted.StatusCode == HttpStatusCode.Created, $"consent: {(int)granted.StatusCode} {await granted.Content.ReadAsStringAsync()}");
        return (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("grantId").GetString()!;
    }

    /// <summary>A client signed in on the holder's node with <paramref name="passkey"/> (its cookie kept).</summary>
    public static async Task<HttpClient> SignedInAsync(ClusterNode holder, TestPasskey passkey)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = holder.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        using var options = await client.PostAsync("/api/v1/citizen/sign-in/options", null);
        var challenge = Base64Url.DecodeFromChars((await options.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString());
        var (data, authenticator, signature) = passkey.AssertAsPage(challenge, Origin(holder));
        using var signedIn = await client.PostAsJsonAsync("/api/v1/citizen/sign-in", new
        {
            credentialId = Base64Url.EncodeToString(passkey.CredentialId), clientDataJson = data, authenticatorData = authenticator, signature,
        });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return client;
    }

    /// <summary>The releases "My data" shows for <paramref name="record"/>.</summary>
    public static async Task<JsonElement[]> ReleasesAsync(HttpClient citizen, Digest record)
    {
        var data = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/my-data");
        return [.. data.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("recordId").GetString() == record.ToString()).GetProperty("releases").EnumerateArray()];
    }
}
