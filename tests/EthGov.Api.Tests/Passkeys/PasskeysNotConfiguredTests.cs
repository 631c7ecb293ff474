using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Passkeys;

namespace EthGov.Api.Tests.Passkeys;

/// <summary>A node with neither EthGov:Passkeys:Origin nor EthGov:PublicBaseUrl is no relying party: its passkey routes say so.</summary>
public sealed class PasskeysNotConfiguredTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task RegistrationOptions_NodeWithoutAPasskeyOrigin_Returns503PasskeysNotConfigured()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/passkeys/registrations/options", new { code = RegistrationCode.New() });

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "passkeys-not-configured");
    }
}
