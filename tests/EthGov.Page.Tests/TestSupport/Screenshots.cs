using EthGov.Testing;
using Microsoft.Playwright;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>Writes what the page showed to out/screenshots/ (not committed) so a person can look at each verdict.</summary>
public static class Screenshots
{
    /// <summary>The folder.</summary>
    public static string Folder { get; } = RepositoryPaths.Combine("out", "screenshots");

    /// <summary>Saves the whole page as <paramref name="name"/>.png.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
