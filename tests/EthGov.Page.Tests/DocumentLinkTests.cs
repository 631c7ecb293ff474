using System.Buffers.Text;
using System.Web;
using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Page.Tests.TestSupport;
using EthGov.Testing;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// A batch member's link (its QR code) carries the issuing department and the batch proof; the page verifies with both,
/// and a link whose proof was altered is never called valid.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class DocumentLinkTests(PageFixture fixture)
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task LinkOfABatchMember_PageVerifiesWithItsDepartmentAndProof()
    {
        var (digest, url) = await BatchMemberLinkAsync("Tax clearance");
        Assert.True(DocumentLink.TryParse(url, out var link, out var error), error);
        Assert.Equal("CIVIL", link.DepartmentCode);
        Assert.Equal(2, link.Proof.Count);
        var page = await fixture.NewPageAsync();
        var verification = page.WaitForRequestAsync(r => r.Url.Contains("/api/v1/verify/", StringComparison.Ordinal));

        await page.GotoAsync(url);

        var asked = new Uri((await verification).Url);
        Assert.Equal($"/api/v1/verify/{digest}", asked.AbsolutePath);
        var query = HttpUtility.ParseQueryString(asked.Query);
        Assert.Equal("CIVIL", query["department"]);
        Assert.Equal(ProofCode.Encode(link.Proof), query["proof"]);
        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid");
        await Expect(page.Locator("#digest-input")).ToHaveValueAsync(digest.ToString());
    }

    /// <remarks>
    /// Needs the API's <c>proof</c> parameter: an API that ignores it finds the document by its own records and says valid.
    /// </remarks>
    [Fact]
    public async Task LinkOfABatchMember_WithOneByteOfItsProofChanged_IsNotValid()
    {
        var (digest, url) = await BatchMemberLinkAsync("Residence certificate");
        Assert.True(DocumentLink.TryParse(url, out var link, out var error), error);
        var code = ProofCode.Encode(link.Proof);
        var bytes = Base64Url.DecodeFromChars(code);
        bytes[Digest.Size + 5] ^= 0x01;
        var tampered = url.Replace($"p={code}", $"p={Base64Url.EncodeToString(bytes)}", StringComparison.Ordinal);
        Assert.NotEqual(url, tampered);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(tampered);

        // Whatever the page answers (a verdict or the service's refusal), it is not "valid".
        await Expect(page.Locator("#verdict-result .verdict-banner, #verdict-result .error-box")).ToBeVisibleAsync();
        await Expect(page.Locator(".verdict-banner[data-outcome='valid']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#digest-input")).ToHaveValueAsync(digest.ToString());
        await Screenshots.SaveAsync(page, "link-tampered-proof");
    }

    // The second of four documents anchored in one batch through the API, and the link its QR code carries.
    private async Task<(Digest Digest, string Url)> BatchMemberLinkAsync(string kind)
    {
        var digests = Enumerable.Range(0, 4).Select(i => PageFixture.DigestOf(PageFixture.NewDocument($"{kind} {i}"))).ToArray();
        await fixture.AnchorThroughApiAsync(digests);
        var png = await s_http.GetByteArrayAsync(fixture.Api.Url($"/api/v1/documents/{digests[1]}/qr"));
        return (digests[1], QrCodes.Decode(png));
    }
}
