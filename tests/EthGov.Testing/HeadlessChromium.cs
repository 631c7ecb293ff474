using Microsoft.Playwright;

namespace EthGov.Testing;

/// <summary>Debian's Chromium, headless, as every browser test starts it: the tests never download a browser.</summary>
public static class HeadlessChromium
{
    /// <summary>Where scripts/lib/setup.sh installs Debian's chromium package.</summary>
    public const string Path = "/usr/bin/chromium";

    /// <summary>Launches the browser; throws with what to install when it is missing.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: scripts/lib/setup.sh installs Debian's chromium package");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            // Playwright gives every launch a fresh temporary --user-data-dir of its own.
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A page in a fresh context (no storage shared with other tests) whose browser prefers <paramref name="locale"/>,
    /// with downloads allowed. The whole solution's tests share two cores with chains, nodes and browsers: at a load
    /// average of 30 and more a first navigation in a new context (a new renderer, then the page's module graph from a
    /// Debug build) has taken longer than 15 s. The waits allow for that; a page that never loads still fails.
    /// </summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, string locale, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }
}
