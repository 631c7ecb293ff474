using System.Net;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Core.Merkle;
using EthGov.Page.Tests.TestSupport;
using EthGov.Testing;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// The QR code printed on a certificate leads a phone to the page that verifies it, and carries the issuing department
/// and the batch proof so that any node's page can verify it from the code alone.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class QrCodeTests(PageFixture fixture)
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task PngQrCode_DecodedFromPixels_OpensPageWithValidVerdict()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Adoption certificate"));
        await fixture.AnchorThroughApiAsync(digest);

        using var response = await s_http.GetAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr?format=png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var url = QrCodes.Decode(await response.Content.ReadAsByteArrayAsync());
        // Anchored on its own, the document needs no proof: the link names its department only.
        Assert.Equal(fixture.Api.Url($"/v/{digest}?d=CIVIL"), url);

        var page = await fixture.NewPageAsync(width: 390, height: 844);
        var verification = page.WaitForRequestAsync(r => r.Url.Contains("/api/v1/verify/", StringComparison.Ordinal));
        await page.GotoAsync(url);
        Assert.Equal(fixture.Api.Url($"/api/v1/verify/{digest}?department=CIVIL"), (await verification).Url);
        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid");
        await Expect(page.Locator("#digest-input")).ToHaveValueAsync(digest.ToString());
        await Screenshots.SaveAsync(page, "qr-valid-phone");
    }

    [Fact]
    public async Task PngQrCode_OfAMemberOfA1000DocumentBatch_DecodesToItsLinkWithDepartmentAndProof()
    {
        var digests = Enumerable.Range(0, 1000).Select(i => PageFixture.DigestOf(PageFixture.NewDocument($"Exam certificate {i}"))).ToArray();
        await fixture.AnchorThroughApiAsync(digests);
        var digest = digests[^1];
        var receipt = await fixture.ReceiptAsync(digest);
        var batch = Assert.IsType<EthGov.Core.Receipts.ReceiptBatch>(receipt.Batch);
        Assert.Equal(1000u, batch.DocumentCount);

        var png = await s_http.GetByteArrayAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr"));

        var url = QrCodes.Decode(png);
        Assert.Equal(DocumentLink.Build(new Uri(fixture.Api.Url("/")), digest, "CIVIL", batch.Proof), url);
        Assert.True(DocumentLink.TryParse(url, out var link, out var error), error);
        Assert.Equal("CIVIL", link.DepartmentCode);
        // A tree of 1,000 leaves keeps 24 of them one level higher (proofs of 9 hashes), the rest at 10.
        Assert.Equal(batch.Proof.Count, link.Proof.Count);
        Assert.InRange(link.Proof.Count, 9, 10);
        Assert.Equal(batch.Root, MerkleTree.ComputeRoot(digest, [.. link.Proof]));
        // The symbol grows with the proof (about 530 characters here); the PNG stays printable: square, about 1,000
        // pixels, at least 8 pixels (0.34 mm at 600 dpi) per module.
        var image = StbImageSharp.ImageResult.FromMemory(png, StbImageSharp.ColorComponents.Grey);
        Assert.Equal(image.Width, image.Height);
        Assert.InRange(image.Width, 800, 1600);
        Assert.InRange(PixelsPerModule(image), 8, 16);
    }

    [Fact]
    public async Task PngQrCode_IsLargeEnoughToPrint()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Land title"));
        await fixture.AnchorThroughApiAsync(digest);

        var png = await s_http.GetByteArrayAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr"));

        var image = StbImageSharp.ImageResult.FromMemory(png, StbImageSharp.ColorComponents.Grey);
        Assert.Equal(image.Width, image.Height);
        Assert.InRange(image.Width, 600, 1200);
    }

    [Fact]
    public async Task SvgQrCode_IsAScalableImageOfTheSameLink()
    {
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Pension decision"));
        await fixture.AnchorThroughApiAsync(digest);

        using var response = await s_http.GetAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr?format=svg"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QrCode_OfADocumentThisNodeDidNotAnchor_IsNotOnRecord()
    {
        // On chain, but anchored by a client of the department's key, not through this node: the node has no record
        // of its department or proof, and a code it printed from guesses could lead nowhere.
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Hunting permit"));
        (await fixture.Chain.ClientFor(1).Documents.AnchorAsync(digest)).Unwrap();

        using var response = await s_http.GetAsync(fixture.Api.Url($"/api/v1/documents/{digest}/qr"));

        using var body = await AssertProblemAsync(response, 404, "document-not-found");
        Assert.Contains("did not anchor", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/documents/0x1234/qr", 400, "invalid-digest")]
    [InlineData("/api/v1/documents/0x0000000000000000000000000000000000000000000000000000000000000001/qr?format=gif", 400, "invalid-request")]
    public async Task BadRequest_IsAProblem(string path, int status, string type)
    {
        using var response = await s_http.GetAsync(fixture.Api.Url(path));

        (await AssertProblemAsync(response, status, type)).Dispose();
    }

    private static async Task<JsonDocument> AssertProblemAsync(HttpResponseMessage response, int status, string type)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://ethgov.dev/problems/" + type, body.RootElement.GetProperty("type").GetString());
        return body;
    }

    // A module's size in pixels, read from the image: the top-left finder pattern starts after the 4-module quiet zone
    // and is 7 modules wide, so the first row of dark pixels gives it.
    private static int PixelsPerModule(StbImageSharp.ImageResult image)
    {
        int row = 0;
        while (row < image.Height && Enumerable.Range(0, image.Width).All(x => image.Data[(row * image.Width) + x] > 127))
        {
            row++;
        }

        int start = Enumerable.Range(0, image.Width).First(x => image.Data[(row * image.Width) + x] <= 127);
        int end = start;
        while (end < image.Width && image.Data[(row * image.Width) + end] <= 127)
        {
            end++;
        }

        int module = (end - start) / 7;
        Assert.Equal(4 * module, start);
        return module;
    }
}
