using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Application.ApiKeys;
using EthGov.Page.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EthGov.Page.Tests;

/// <summary>
/// Bulk work in the workspace: a folder (picked or dropped), a ZIP archive and a CSV file of fingerprints anchored as one
/// job, hashed in the browser; a CSV with a bad line refused line by line before anything is sent; a job cut off mid-way
/// resumed after a reload with only what is missing; the limits said in the page; the register exported; in both
/// languages, by keyboard and at a phone's width.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class BulkWorkspaceTests(PageFixture fixture)
{
    private const string Password = "a clerk's own password";

    [Theory]
    [InlineData("en-US", "done. 3 accepted, 0 refused, of 3.")]
    [InlineData("zh-CN", "已完成。共 3 项，已接受 3，被拒绝 0。")]
    public async Task Folder_IsHashedHere_AnchoredAsOneJob_AndTheRegisterNamesEachFileByItsPath(string locale, string done)
    {
        var folder = NewFolder(("permit-1.pdf", PageFixture.NewDocument("Permit 1")), ("permit-2.pdf", PageFixture.NewDocument("Permit 2")),
            ("annex/map.pdf", PageFixture.NewDocument("Map")));
        var page = await SignInAsync(locale);
        var sent = RecordChunks(page);

        await page.Locator("#bulk-folder").SetInputFilesAsync(folder.FullName);

        await Expect(page.Locator("#bulk-status")).ToContainTextAsync(done);
        await Expect(page.Locator("#bulk-progress")).ToHaveAttributeAsync("value", "3");
        // Only fingerprints and names travel: no byte of the files is in what the page sent.
        Assert.All(sent, body => Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal));
        await AssertRegisterNamesEachFileByItsPathAsync(page, folder);

        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-bulk-folder-" + locale);
    }

    [Fact]
    public async Task Zip_IsReadInTheBrowser_StoredAndDeflatedEntries_EachAnchoredByItsOwnDigest()
    {
        var entries = new[]
        {
            ("letters/a.pdf", PageFixture.NewDocument("Letter A"), CompressionLevel.Optimal),
            ("letters/b.pdf", PageFixture.NewDocument("Letter B"), CompressionLevel.SmallestSize),
            ("c.txt", Encoding.UTF8.GetBytes(new string('x', 5000) + Guid.NewGuid()), CompressionLevel.NoCompression),
        };
        var zipName = $"letters-{Guid.NewGuid():N}.zip";
        var page = await SignInAsync();

        await page.Locator("#bulk-zip").SetInputFilesAsync(new FilePayload { Name = zipName, MimeType = "application/zip", Buffer = Zip(entries) });

        await Expect(page.Locator("#bulk-status")).ToContainTextAsync($"{zipName}: done. 3 accepted");
        using var client = fixture.Api.Client(fixture.CivilKey);
        foreach (var (name, bytes, _) in entries)
        {
            using var listed = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/documents?q={PageFixture.DigestOf(bytes)}"));
            Assert.Equal(name, Assert.Single(listed.RootElement.GetProperty("items").EnumerateArray()).GetProperty("fileName").GetString());
        }
    }

    [Theory]
    [InlineData("en-US", "Line 3: the fingerprint is not 0x followed by 64 hexadecimal digits", "Line 4: the expiry date has passed", "Line 5: the same fingerprint is already on line 2")]
    [InlineData("zh-CN", "第 3 行：指纹不是 0x 加 64 位十六进制数字", "第 4 行：到期日已过", "第 5 行：同一指纹已出现在第 2 行")]
    public async Task Csv_WithBadLines_IsRefusedLineByLine_NothingSent_ThenTheCorrectedFileIsAnchored(string locale, string line3, string line4, string line5)
    {
        var reference = "R-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var (first, second) = (PageFixture.DigestOf(PageFixture.NewDocument("CSV 1")), PageFixture.DigestOf(PageFixture.NewDocument("CSV 2")));
        var expiry = DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var bad = $"digest,reference,expiry,kind\n{first},{reference}/1,{expiry},licence\n0x1234,{reference}/2\n{second},{reference}/3,2001-01-01\n{first},{reference}/4\n";
        var good = $"digest,reference,expiry,kind\n{first},\"{reference}/1, main\",{expiry},licence\n{second},{reference}/3\n";
        var page = await SignInAsync(locale);
        var sent = RecordChunks(page);

        await page.Locator("#bulk-csv").SetInputFilesAsync(Csv("licences.csv", bad));

        await Expect(page.Locator("#bulk-errors li")).ToHaveTextAsync([line3, line4, line5]);
        await Expect(page.Locator("#bulk-error")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-bulk-csv-errors-" + locale);
        Assert.Empty(sent);
        using var anonymous = fixture.Api.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/documents/{first}")).StatusCode);

        await page.Locator("#bulk-csv").SetInputFilesAsync(Csv("licences.csv", good));

        await Expect(page.Locator("#bulk-errors")).ToBeHiddenAsync();
        await Expect(page.Locator("#bulk-status")).ToContainTextAsync(locale == "en-US" ? "licences.csv: done. 2 accepted" : "licences.csv：已完成。共 2 项，已接受 2");
        using var client = fixture.Api.Client(fixture.CivilKey);
        using var listed = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/documents?q={first}"));
        var row = Assert.Single(listed.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(($"{reference}/1, main", "licence"), (row.GetProperty("reference").GetString(), row.GetProperty("kind").GetString()));
        Assert.Equal(expiry, row.GetProperty("validUntil").GetDateTimeOffset().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task JobCutOffMidWay_ResumesAfterAReload_SendingOnlyWhatIsMissing()
    {
        var folder = NewFolder([.. Enumerable.Range(0, 250).Select(i => ($"doc-{i:D3}.txt", Encoding.UTF8.GetBytes($"{Guid.NewGuid()} {i}")))]);
        var page = await SignInAsync();
        var chunks = 0;
        await page.RouteAsync("**/api/v1/bulk-jobs/*/chunks", async route =>
        {
            // The first chunk arrives; the connection drops on the second.
            if (Interlocked.Increment(ref chunks) == 2)
            {
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        var cut = RecordChunks(page);
        await page.Locator("#bulk-folder").SetInputFilesAsync(folder.FullName);

        await Expect(page.Locator("#bulk-error")).ToContainTextAsync("Sending stopped");
        var arrived = FileNames(cut[0]);
        Assert.Equal(200, arrived.Count);
        await page.UnrouteAllAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#bulk-resume")).ToContainTextAsync($"Unfinished job: {folder.Name}, 200 of 250 sent");
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-bulk-resume");
        var sent = RecordChunks(page);

        await page.Locator("#bulk-folder").SetInputFilesAsync(folder.FullName);

        await Expect(page.Locator("#bulk-status")).ToContainTextAsync($"{folder.Name}: done. 250 accepted, 0 refused, of 250.");
        var missing = FileNames(Assert.Single(sent));
        Assert.Equal(50, missing.Count);
        Assert.Empty(missing.Intersect(arrived));
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"{folder.Name}/doc-{i:D3}.txt"), missing.Union(arrived).Order(StringComparer.Ordinal));
        await Expect(page.Locator("#bulk-resume")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ResumingWithAnotherFolder_IsRefused_AndAbandoningEndsTheJob()
    {
        var folder = NewFolder([.. Enumerable.Range(0, 201).Select(i => ($"f-{i}.txt", Encoding.UTF8.GetBytes($"{Guid.NewGuid()} {i}")))]);
        var other = NewFolder(("one.txt", Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));
        var page = await SignInAsync();
        await page.RouteAsync("**/api/v1/bulk-jobs/*/chunks", async route => await route.AbortAsync());
        await page.Locator("#bulk-folder").SetInputFilesAsync(folder.FullName);
        await Expect(page.Locator("#bulk-error")).ToContainTextAsync("Sending stopped");
        await page.UnrouteAllAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#bulk-resume")).ToContainTextAsync("0 of 201 sent");

        await page.Locator("#bulk-folder").SetInputFilesAsync(other.FullName);

        await Expect(page.Locator("#bulk-error")).ToContainTextAsync($"{other.Name} is not what the unfinished job was made from: it has 1 items, the job has 201. Nothing was sent.");
        await page.Locator("#bulk-abandon").ClickAsync();
        await Expect(page.Locator("#bulk-status")).ToContainTextAsync($"The job {folder.Name} was abandoned");
        await page.ReloadAsync();
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();
        await Expect(page.Locator("#bulk-resume")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData("en-US", "has 10001 files; at most 10000 can be anchored in one job", "holds 1536 MB; at most 1024 MB")]
    [InlineData("zh-CN", "有 10001 个文件；一个任务最多记入 10000 个", "共 1536 MB；一个任务最多 1024 MB")]
    public async Task Limits_TooManyFiles_AndAnArchiveClaimingTooManyBytes_AreSaidInThePage_AndNothingIsSent(string locale, string tooMany, string tooLarge)
    {
        var page = await SignInAsync(locale);
        var sent = RecordJobs(page);
        var many = Zip([.. Enumerable.Range(0, 10_001).Select(i => ($"e/{i}", Array.Empty<byte>(), CompressionLevel.NoCompression))]);

        await page.Locator("#bulk-zip").SetInputFilesAsync(new FilePayload { Name = "many.zip", MimeType = "application/zip", Buffer = many });
        await Expect(page.Locator("#bulk-error")).ToContainTextAsync(tooMany);

        await page.Locator("#bulk-zip").SetInputFilesAsync(new FilePayload { Name = "bomb.zip", MimeType = "application/zip", Buffer = ClaimingSize(1536L * 1024 * 1024) });
        await Expect(page.Locator("#bulk-error")).ToContainTextAsync(tooLarge);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task Export_DownloadsTheRegisterAsCsv_WithTheRowsTheSearchFound()
    {
        var reference = "EXP-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var digests = new[] { PageFixture.DigestOf(PageFixture.NewDocument("Export 1")), PageFixture.DigestOf(PageFixture.NewDocument("Export 2")) };
        var page = await SignInAsync();
        await page.Locator("#bulk-csv").SetInputFilesAsync(Csv("export.csv", $"{digests[0]},{reference}/a\n{digests[1]},{reference}/b,,permit\n"));
        await Expect(page.Locator("#bulk-status")).ToContainTextAsync("export.csv: done. 2 accepted");
        await page.Locator("#dept-issued-q").FillAsync(reference);
        await page.Locator("#dept-issued-q").PressAsync("Enter");
        await Expect(page.Locator("#dept-issued-rows tr")).ToHaveCountAsync(2);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#dept-issued-export").ClickAsync());

        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToArray();
        Assert.Equal("digest,status,acceptedAt,validUntil,fileName,reference,kind,receiptUrl,qrCodeUrl", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{digests[0]},", StringComparison.Ordinal) && l.Contains($",{reference}/a,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{digests[1]},", StringComparison.Ordinal) && l.Contains($",{reference}/b,permit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyboardOnly_AtPhoneWidth_ACsvIsPickedAndAnchored_AndTheSectionFits()
    {
        var name = await fixture.CreateClerkAsync(Password, ApiKeyScopes.Anchor);
        var digest = PageFixture.DigestOf(PageFixture.NewDocument("Keyboard CSV"));
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        // Listening from the start: Playwright turns Chromium's file chooser interception on without waiting for it, so
        // a listener added just before the key press can lose the race to it and the chooser never reaches the test.
        var chosen = new TaskCompletionSource<IFileChooser>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.FileChooser += (_, chooser) => chosen.TrySetResult(chooser);
        await page.GotoAsync(fixture.Api.Url("/department"));
        await page.Locator("#dept-staff-name").FocusAsync();
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#dept-work")).ToBeVisibleAsync();

        // Signing in puts the focus on the session's file picker; Tab goes on to the bulk pickers: folder, ZIP, then CSV.
        await Expect(page.Locator("#dept-files")).ToBeFocusedAsync();
        for (var i = 0; i < 10 && !await page.Locator("#bulk-csv").EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(page.Locator("#bulk-csv")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        var chooser = await chosen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await chooser.SetFilesAsync(Csv("phone.csv", $"digest,reference\n{digest},PHONE-1\n"));

        await Expect(page.Locator("#bulk-status")).ToContainTextAsync("phone.csv: done. 1 accepted");
        var box = await page.Locator("#dept-bulk").BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 390, $"the bulk section does not fit a phone's width: {box?.X} + {box?.Width}");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-bulk-phone");
    }

    // A folder dropped as the operating system drops it: Chromium is handed the folder's path through the DevTools
    // protocol's drag events (Input.dispatchDragEvent), as a drag from the file manager arrives, so the page gets a real
    // directory entry and reads it down its subfolders (webkitGetAsEntry).
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
        await AssertRegisterNamesEachFileByItsPathAsync(page, folder);

        await Axe.AssertNoViolationsAsync(page);
        await Screenshots.SaveAsync(page, "department-bulk-drop-" + locale);
    }

    // The register, searched by the folder's name, lists its three files by their paths, each under its own digest.
    private static async Task AssertRegisterNamesEachFileByItsPathAsync(IPage page, DirectoryInfo folder)
    {
        await page.Locator("#dept-issued-q").FillAsync(folder.Name);
        await page.Locator("#dept-issued-q").PressAsync("Enter");
        var names = page.Locator("#dept-issued-rows th.file-name");
        await Expect(names).ToHaveCountAsync(3);
        Assert.Equal([$"{folder.Name}/annex/map.pdf", $"{folder.Name}/permit-1.pdf", $"{folder.Name}/permit-2.pdf"], (await names.AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            await Expect(page.Locator($"#dept-issued-rows tr[data-digest='{PageFixture.DigestOf(await File.ReadAllBytesAsync(file.FullName))}']")).ToHaveCountAsync(1);
        }
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

    private async Task<IPage> SignInAsync(string locale = "en-US")
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

    // The bodies of the chunks the page sends from now on.
    private static List<string> RecordChunks(IPage page)
    {
        var bodies = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/chunks", StringComparison.Ordinal))
            {
                lock (bodies)
                {
                    bodies.Add(request.PostData ?? string.Empty);
                }
            }
        };
        return bodies;
    }

    private static List<string> FileNames(string chunk)
        => [.. JsonDocument.Parse(chunk).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fileName").GetString()!)];

    // The jobs the page makes from now on.
    private static List<string> RecordJobs(IPage page)
    {
        var urls = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/api/v1/bulk-jobs", StringComparison.Ordinal))
            {
                lock (urls)
                {
                    urls.Add(request.Url);
                }
            }
        };
        return urls;
    }

    private static DirectoryInfo NewFolder(params (string Path, byte[] Bytes)[] files)
    {
        var root = Directory.CreateTempSubdirectory("ethgov-bulk-").CreateSubdirectory("scans-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(root.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }

        return root;
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private static byte[] Zip(IEnumerable<(string Name, byte[] Bytes, CompressionLevel Level)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("letters/");
            foreach (var (name, bytes, level) in entries)
            {
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    // A small archive whose central directory claims one entry of `size` bytes: the page must refuse it unread.
    private static byte[] ClaimingSize(long size)
    {
        var zip = Zip([("big.bin", Encoding.UTF8.GetBytes("small"), CompressionLevel.NoCompression)]);
        for (var at = zip.Length - 22; at >= 0; at--)
        {
            if (BitConverter.ToUInt32(zip, at) == 0x02014b50 && Encoding.UTF8.GetString(zip, at + 46, 7) == "big.bin")
            {
                BitConverter.GetBytes((uint)size).CopyTo(zip, at + 24);
                return zip;
            }
        }

        throw new InvalidOperationException("no central directory entry for big.bin");
    }
}
