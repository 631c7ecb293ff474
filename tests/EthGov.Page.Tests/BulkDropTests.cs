using System.Security.Cryptography;
using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// A folder dropped on the bulk zone, as the operating system drops it: Chromium is handed the folder's path through
/// the DevTools protocol's drag events (Input.dispatchDragEvent), the same way a drag from the file manager arrives, so
/// the page gets a real directory entry and reads it down its subfolders (webkitGetAsEntry), in both languages.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class BulkDropTests(PageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Theory]
    [InlineData("en-US", "done. 3 accepted, 0 refused, of 3.")]
    [InlineData("zh-CN", "已完成。共 3 项，已接受 3，被拒绝 0。")]
    public async Task FolderDroppedOnTheBulkZone_IsReadDownItsSubfolders_AndAnchoredAsOneJob(string locale, string done)
    {
        var folder = NewFolder(("permit-1.pdf", PageFixture.NewDocument("Dropped permit 1")), ("permit-2.pdf", PageFixture.NewDocument("Dropped permit 2")),
            ("annex/map.pdf", PageFixture.NewDocument("Dropped map")));
        var page = await SignInAsync(locale);

        await DropAsync(page, page.Locator("#bulk-drop"), folder.FullName);

        await Expect(page.Locator("#bulk-status")).ToContainTextAsync(done);
        await page.Locator("#dept-issued-q").FillAsync(folder.Name);
        await page.Locator("#dept-issued-q").PressAsync("Enter");
        var names = page.Locator("#dept-issued-rows th.file-name");
        await Expect(names).ToHaveCountAsync(3);
        Assert.Equal([$"{folder.Name}/annex/map.pdf", $"{folder.Name}/permit-1.pdf", $"{folder.Name}/permit-2.pdf"], (await names.AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            await Expect(page.Locator($"#dept-issued-rows tr[data-digest='{PageFixture.DigestOf(await File.ReadAllBytesAsync(file.FullName))}']")).ToHaveCountAsync(1);
        }

        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-bulk-drop-" + locale);
    }

    // Enter, over and drop at the zone's centre, carrying the paths as a file manager's drag does.
    private static async Task DropAsync(IPage page, ILocator zone, params string[] paths)
    {
        await zone.ScrollIntoViewIfNeededAsync();
        var box = await zone.BoundingBoxAsync() ?? throw new InvalidOperationException("the drop zone is not shown");
        var session = await page.Context.NewCDPSessionAsync(page);
        var data = new Dictionary<string, object> { ["items"] = Array.Empty<object>(), ["files"] = paths, ["dragOperationsMask"] = 1 };
        foreach (var type in new[] { "dragEnter", "dragOver", "drop" })
        {
            await session.SendAsync("Input.dispatchDragEvent", new Dictionary<string, object>
            {
                ["type"] = type,
                ["x"] = box.X + (box.Width / 2),
                ["y"] = box.Y + (box.Height / 2),
                ["data"] = data,
            });
        }
    }

    private async Task<IPage> SignInAsync(string locale)
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var page = await fixture.NewPageAsync(locale);
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FillAsync(name);
        await page.Locator("#dept-staff-password").FillAsync(Password);
        await page.Locator("#dept-staff-password").PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();
        return page;
    }

    private static DirectoryInfo NewFolder(params (string Path, byte[] Bytes)[] files)
    {
        var root = Directory.CreateTempSubdirectory("ethgov-drop-").CreateSubdirectory("dropped-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(root.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return root;
    }
}
