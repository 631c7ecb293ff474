using Microsoft.Playwright;

namespace EthGov.Testing;

/// <summary>A Chromium page with a virtual WebAuthn authenticator (CDP WebAuthn domain), as a citizen's phone or computer.</summary>
public static class VirtualAuthenticator
{
    /// <summary>
    /// A page in a new context of <paramref name="browser"/> whose authenticator is a CTAP2 platform authenticator with
    /// resident keys that verifies the user at once.
    /// </summary>
    public static async Task<IPage> PageAsync(IBrowser browser, string locale = "en-US")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return page;
    }
}
