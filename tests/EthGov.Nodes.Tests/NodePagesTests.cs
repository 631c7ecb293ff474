using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Nodes.Tests;

/// <summary>
/// Every node's verification page verifies every department's batch members from a link without the proof (a link too
/// long to carry it): the node answering asks the issuer's node for the proof and the chain for the verdict.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class NodePagesTests(NodeCluster cluster) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Page_OfEveryNode_VerifiesEachDepartmentsBatchMemberFromTheDepartmentCodeAlone()
    {
        foreach (var issuer in cluster.Nodes)
        {
            var receipts = await NodeDocuments.AnchorBatchAsync(issuer, cluster.Nodes.Count);
            for (var i = 0; i < cluster.Nodes.Count; i++)
            {
                var node = cluster.Nodes[i];
                var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
                var page = await context.NewPageAsync();

                await page.GotoAsync($"{node.PublicUrl}/v/{receipts[i].Digest}?d={issuer.Code}");

                await Expect(page.Locator(".verdict-banner")).ToHaveAttributeAsync("data-outcome", "valid", new() { Timeout = 20_000 });
                await context.CloseAsync();
            }
        }
    }
}
