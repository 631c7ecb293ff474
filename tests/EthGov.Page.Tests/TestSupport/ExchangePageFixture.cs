using EthGov.Testing;
using Microsoft.Playwright;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>
/// The exchange workspace across department nodes: the three dev departments each on a node of its own
/// (<see cref="NodeCluster"/>, as <c>scripts/run.sh</c> runs them) and a headless Chromium to drive their pages.
/// </summary>
public sealed class ExchangePageFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The nodes and their chain.</summary>
    public NodeCluster Cluster { get; } = new();

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    /// <summary>A new page in its own context, with downloads allowed.</summary>
    public Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 900)
        => HeadlessChromium.NewPageAsync(Browser, locale, width, height);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Cluster.DisposeAsync();
    }
}

/// <summary>The exchange page tests: their own nodes, run after the other collections (the assembly runs collections one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class ExchangePageCollection : ICollectionFixture<ExchangePageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "exchange page";
}
