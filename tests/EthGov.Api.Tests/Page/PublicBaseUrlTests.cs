using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.Page;

/// <summary>
/// The URL printed on a certificate's QR code comes from <c>EthGov:PublicBaseUrl</c>, never from a request's Host
/// header; outside Development the API does not start without it.
/// </summary>
public sealed class PublicBaseUrlTests(DevChain chain) : IClassFixture<DevChain>
{
    private const string PublicBaseUrl = "https://verify.example.gov/";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_OutsideDevelopmentWithoutPublicBaseUrl_RefusesNamingTheSetting(string environment)
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(chain, environment: environment));

        var message = refusal.GetBaseException().Message;
        Assert.StartsWith("EthGov:PublicBaseUrl is not set", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("verify.example.gov")]
    [InlineData("ftp://verify.example.gov/")]
    [InlineData("https://verify.example.gov/?v=1")]
    public async Task Start_PublicBaseUrlNotAnAbsoluteHttpUrl_Refuses(string url)
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:PublicBaseUrl"] = url }));

        Assert.StartsWith("EthGov:PublicBaseUrl must be an absolute http or https URL", refusal.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QrCode_PublicBaseUrlSet_ForgedHostHeaderDoesNotChangeTheUrl()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:PublicBaseUrl"] = PublicBaseUrl });
        var digest = TestDigests.New();

        var url = await QrUrlAsync(host, digest, forgedHost: "attacker.example");

        Assert.Equal($"https://verify.example.gov/v/{digest}", url);
    }

    [Fact]
    public async Task QrCode_ProductionWithPublicBaseUrl_StartsAndPrintsIt()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:PublicBaseUrl"] = PublicBaseUrl }, environment: "Production");
        var digest = TestDigests.New();

        var url = await QrUrlAsync(host, digest, forgedHost: "attacker.example");

        Assert.Equal($"https://verify.example.gov/v/{digest}", url);
    }

    [Fact]
    public async Task QrCode_DevelopmentWithoutPublicBaseUrl_UsesTheRequestsHostAsBefore()
    {
        await using var host = await ApiHost.StartAsync(chain);
        var digest = TestDigests.New();

        var url = await QrUrlAsync(host, digest, forgedHost: "dev-machine.local:5080");

        Assert.Equal($"http://dev-machine.local:5080/v/{digest}", url);
    }

    private static async Task<string> QrUrlAsync(ApiHost host, string digest, string forgedHost)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/{digest}/qr?format=png");
        request.Headers.Host = forgedHost;
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return QrCodes.Decode(await response.Content.ReadAsByteArrayAsync());
    }
}
