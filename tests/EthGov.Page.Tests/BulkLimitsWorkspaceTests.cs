using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// The bulk section's limits are the node's: on a node that takes 4 items a job and 2 a chunk, the page says 4, refuses a
/// folder of 5 before sending anything, and sends a folder of 3 in chunks of 2 and 1.
/// </summary>
[Collection(BulkLimitsPageCollection.Name)]
public sealed class BulkLimitsWorkspaceTests(BulkLimitsPageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Theory]
    [InlineData("en-US", "At most 4 files or rows", "has 5 files; at most 4 can be anchored in one job")]
    [InlineData("zh-CN", "每个任务最多 4 个文件或行", "有 5 个文件；一个任务最多记入 4 个")]
    public async Task TheNodesLimits_AreSaid_Enforced_AndChunkTheJob(string locale, string said, string refused)
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var page = await fixture.NewPageAsync(locale);
        var posted = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/api/v1/bulk-jobs", StringComparison.Ordinal))
            {
                lock (posted)
                {
                    posted.Add(request.PostData ?? string.Empty);
                }
            }
        };
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();
        await Expect(page.Locator("#bulk-limits")).ToContainTextAsync(said);

        await page.Locator("#bulk-folder").SetInputFilesAsync(NewFolder(5).FullName);

        await Expect(page.Locator("#bulk-error")).ToContainTextAsync(refused);
        lock (posted)
        {
            Assert.Empty(posted);
        }

        var three = NewFolder(3);
        await page.Locator("#bulk-folder").SetInputFilesAsync(three.FullName);

        await Expect(page.Locator("#bulk-status")).ToContainTextAsync(locale == "en-US" ? "done. 3 accepted" : "已完成。共 3 项，已接受 3");
        string[] chunks;
        lock (posted)
        {
            chunks = [.. posted.Where(p => p.Contains("\"items\"", StringComparison.Ordinal))];
        }

        Assert.Equal([2, 1], chunks.Select(c => JsonDocument.Parse(c).RootElement.GetProperty("items").GetArrayLength()));
    }

    private static DirectoryInfo NewFolder(int files)
    {
        var root = Directory.CreateTempSubdirectory("ethgov-bulk-").CreateSubdirectory("limits-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        for (var i = 0; i < files; i++)
        {
            File.WriteAllBytes(Path.Combine(root.FullName, $"doc-{i}.txt"), Encoding.UTF8.GetBytes($"{Guid.NewGuid()} {i}"));
        }

        return root;
    }
}
