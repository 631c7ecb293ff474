using System.Net;
using System.Text.Json;
using EthGov.Page.Tests.TestSupport;
using EthGov.Testing;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>The QR code printed on a certificate leads a phone to the page that verifies it.</summary>
[Collection(PageCollection.Name)]
public sealed class QrCodeTests(PageFixture fixture)
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task PngQrCode_DecodedFromPixels_OpensPageWithValidVerdict()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Adoption certificate"));
        (await fixture.Chain.ClientFor(1).Documents.AnchorAsync(digest)).Unwrap();

        using var response = await s_http.GetAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr?format=png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var url = QrCodes.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(fixture.Api.Url($"/v/{digest}"), url);

        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync(url);
        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid");
        await Expect(page.Locator("#digest-input")).ToHaveValueAsync(digest.ToString());
        await Screenshots.SaveAsync(page, "qr-valid-phone");
    }

    [Fact]
    public async Task PngQrCode_IsLargeEnoughToPrint()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Land title"));

        var png = await s_http.GetByteArrayAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr"));

        var image = StbImageSharp.ImageResult.FromMemory(png, StbImageSharp.ColorComponents.Grey);
        Assert.Equal(image.Width, image.Height);
        Assert.InRange(image.Width, 600, 1200);
    }

    [Fact]
    public async Task SvgQrCode_IsAScalableImageOfTheSameLink()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Pension decision"));

        using var response = await s_http.GetAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr?format=svg"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/documents/0x1234/qr", 400, "invalid-digest")]
    [InlineData("/api/v1/documents/0x0000000000000000000000000000000000000000000000000000000000000001/qr?format=gif", 400, "invalid-request")]
    public async Task BadRequest_IsAProblem(string path, int status, string type)
    {
        using var response = await s_http.GetAsync(fixture.Api.Url(path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://ethgov.dev/problems/" + type, body.RootElement.GetProperty("type").GetString());
    }
}
