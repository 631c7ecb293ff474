using System.Collections.Concurrent;
using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// The workspace of a node behind a reverse proxy that strips the path it is published under: the browser reaches the
/// node only through the proxy, at <c>/civil/...</c>; the node sees <c>/...</c>. A clerk signs in, anchors a file, finds it
/// in the issued list and opens its verification page, and every request the page makes stays under <c>/civil/</c> and
/// is answered (outside it the proxy answers 404, as the host's other applications would).
/// </summary>
[Collection(StrippingProxyPageCollection.Name)]
public sealed class StrippingProxyWorkspaceTests(StrippingProxyPageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Fact]
    public async Task Clerk_BehindAStrippingProxy_AnchorsFindsAndVerifies_WithEveryRequestUnderThePath()
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var document = PageFixture.NewDocument("Licence behind a proxy");
        var digest = PageFixture.DigestOf(document);
        var fileName = $"proxied-{Guid.NewGuid():N}.pdf";
        var page = await fixture.NewPageAsync();
        var requested = new ConcurrentQueue<Uri>();
        var answered = new ConcurrentQueue<(Uri Url, int Status)>();
        var failed = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(new Uri(request.Url));
        page.Response += (_, response) => answered.Enqueue((new Uri(response.Url), response.Status));
        page.RequestFailed += (_, request) => failed.Enqueue($"{request.Url}: {request.Failure}");
        var forwardedBefore = fixture.Proxy.Forwarded.Count;

        await page.GotoAsync(fixture.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-signed-in-as")).ToContainTextAsync(name);
        await page.Locator("#dept-files").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = document });
        await Expect(page.Locator("#dept-rows tr[data-status='anchored']")).ToHaveCountAsync(1);
        await page.Locator("#dept-issued-q").FillAsync(fileName);
        await page.Locator("#dept-issued-q").PressAsync("Enter");
        var row = page.Locator($"#dept-issued-rows tr[data-digest='{digest}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "valid");
        var links = await page.Locator("#dept-rows a[href], #dept-issued-rows a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        await row.Locator($"a[href='{StrippingProxyPageFixture.PathBase}/v/{digest}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(fixture.Url($"/v/{digest}"));
        await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid");

        var proxy = fixture.Proxy.Url.GetLeftPart(UriPartial.Authority);
        var underPath = StrippingProxyPageFixture.PathBase + "/";
        var fetched = requested.Where(u => u.Scheme is "http" or "https").ToList();
        Assert.All(fetched, u => Assert.Equal(proxy, u.GetLeftPart(UriPartial.Authority)));
        Assert.All(fetched, u => Assert.StartsWith(underPath, u.AbsolutePath, StringComparison.Ordinal));
        Assert.Contains(fetched, u => u.AbsolutePath == underPath + "js/app.js");
        Assert.Contains(fetched, u => u.AbsolutePath == underPath + "api/v1/session");
        Assert.Contains(fetched, u => u.AbsolutePath == underPath + "api/v1/documents");
        Assert.Contains(fetched, u => u.AbsolutePath == $"{underPath}api/v1/verify/{digest}");
        Assert.DoesNotContain(answered, a => a.Status == 404 || a.Status >= 500);
        Assert.Empty(failed);

        // The links the workspace draws (receipt and QR code downloads, the verification page) stay under the path too,
        // and the proxy answers them.
        Assert.NotEmpty(links);
        foreach (var link in links.Select(l => new Uri(l)).Where(u => u.Scheme is "http" or "https"))
        {
            Assert.StartsWith(proxy + underPath, link.ToString(), StringComparison.Ordinal);
            var response = await page.APIRequest.GetAsync(link.ToString());
            Assert.True(response.Ok, $"{link} answered {response.Status}");
        }

        // The node saw the paths without the prefix: the proxy stripped it, and the page still knew where it lived.
        var forwarded = fixture.Proxy.Forwarded.Skip(forwardedBefore).ToList();
        Assert.Contains(forwarded, u => u.AbsolutePath == "/department");
        Assert.Contains(forwarded, u => u.AbsolutePath == "/api/v1/session");
        Assert.DoesNotContain(forwarded, u => u.AbsolutePath.StartsWith(underPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxy_OutsideThePath_IsNotTheNode()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.APIRequest.GetAsync(new Uri(fixture.Proxy.Url, "department").ToString());

        Assert.Equal(404, response.Status);
    }
}
