using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>Runs axe-core on what a page shows.</summary>
public static class Axe
{
    /// <summary>
    /// Asserts that axe-core ran its rules on <paramref name="page"/> and found no violation; <paramref name="ranRules"/>
    /// (by default <c>label</c> and <c>color-contrast</c>) must have passed, so a page without a form names only the second.
    /// </summary>
    public static async Task AssertNoViolationsAsync(IPage page, params string[] ranRules)
    {
        var result = await page.RunAxe();
        // The rules ran: an empty list of violations from a scan that checked nothing would prove nothing.
        foreach (var rule in ranRules.Length == 0 ? ["label", "color-contrast"] : ranRules)
        {
            Assert.Contains(result.Passes, p => p.Id == rule);
        }

        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}");
        Assert.Empty(found);
    }
}
