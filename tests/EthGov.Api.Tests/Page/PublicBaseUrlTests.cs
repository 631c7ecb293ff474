using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.Page;

/// <summary>
/// The link printed on a certificate's QR code starts with <c>EthGov:PublicBaseUrl</c>, never with a request's Host
/// header; outside Development the API does not start without it.
/// </summary>
public sealed class PublicBaseUrlTests(DevChain chain) : IClassFixture<DevChain>
{
    private const string PublicBaseUrl = "https://verify.example.gov/";

    // The node anchors the documents whose codes it prints, so it needs CIVIL's signer in every environment.
    private const string CivilSigner = "EthGov:Signers:CIVIL";

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
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:PublicBaseUrl"] = PublicBaseUrl, [CivilSigner] = "dev:1" });
        var digest = await AnchorAsync(host);

        var url = await QrUrlAsync(host, digest, forgedHost: "attacker.example");

        Assert.Equal($"https://verify.example.gov/v/{digest}?d=CIVIL", url);
    }

    [Fact]
    public async Task QrCode_ProductionWithPublicBaseUrl_StartsAndPrintsIt()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:PublicBaseUrl"] = PublicBaseUrl, [CivilSigner] = "dev:1" }, environment: "Production");
        var digest = await AnchorAsync(host);

        var url = await QrUrlAsync(host, digest, forgedHost: "attacker.example");

        Assert.Equal($"https://verify.example.gov/v/{digest}?d=CIVIL", url);
    }

    [Fact]
    public async Task QrCode_DevelopmentWithoutPublicBaseUrl_UsesTheRequestsHostAsBefore()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { [CivilSigner] = "dev:1" });
        var digest = await AnchorAsync(host);

        var url = await QrUrlAsync(host, digest, forgedHost: "dev-machine.local:5080");

        Assert.Equal($"http://dev-machine.local:5080/v/{digest}?d=CIVIL", url);
    }

    [Fact]
    public async Task QrCode_DevelopmentWithAHostThatMakesNoUrl_IsAnInvalidRequest()
    {
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { [CivilSigner] = "dev:1" });
        var digest = await AnchorAsync(host);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/{digest}/qr");
        Assert.True(request.Headers.TryAddWithoutValidation("Host", "bad host"));

        using var response = await client.SendAsync(request);

        var problem = await Problem.AssertAsync(response, System.Net.HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("Host: \"bad host\" does not make a URL for the link", problem.GetProperty("detail").GetString());
    }

    // A QR code is printed only by the node that anchored the document.
    private static async Task<string> AnchorAsync(ApiHost host)
    {
        var digest = TestDigests.New();
        using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
        (await civil.PostAsJsonAsync("/api/v1/documents?wait=true&timeoutSeconds=20", new { digest })).EnsureSuccessStatusCode();
        await host.WaitAnchoredAsync(digest);
        return digest;
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
