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
}
