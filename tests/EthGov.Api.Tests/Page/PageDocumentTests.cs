using System.Text;
using EthGov.Api.Page;
using Microsoft.Extensions.FileProviders;

namespace EthGov.Api.Tests.Page;

/// <summary>
/// The page under a base path is rebased once and served from memory after that, until its file changes; the memory
/// kept is bounded however many base paths are asked for.
/// </summary>
public sealed class PageDocumentTests : IDisposable
{
    private const string Page =
        "<!doctype html><html><head><meta name=\"ethgov-base\" content=\"/\"><script type=\"module\" src=\"/js/app.js\"></script></head>" +
        "<body><a href=\"/department\">Department</a> <a href=\"https://elsewhere.example/\">out</a></body></html>";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ethgov-page-document-");
    private readonly PhysicalFileProvider _files;

    public PageDocumentTests()
    {
        _files = new PhysicalFileProvider(_root.FullName);
    }

    private string PagePath => Path.Combine(_root.FullName, "index.html");

    [Fact]
    public void Under_TheSameBaseTwice_ServesTheSameMemory_Rebased()
    {
        File.WriteAllText(PagePath, Page);
        var document = new PageDocument(_files);

        var first = document.Under("/civil/");
        var second = document.Under("/civil/");

        Assert.NotNull(first);
        Assert.True(first.Value.Equals(second!.Value), "the page was made anew for the second load");
        var html = Encoding.UTF8.GetString(first.Value.Span);
        Assert.Contains("<meta name=\"ethgov-base\" content=\"/civil/\">", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/civil/js/app.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/civil/department\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://elsewhere.example/\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_FileEditedToTheSameLength_ServesTheEditedFile()
    {
        File.WriteAllText(PagePath, Page);
        var document = new PageDocument(_files);
        var before = document.Under("/civil/");
        var written = File.GetLastWriteTimeUtc(PagePath);

        File.WriteAllText(PagePath, Page.Replace("Department", "Ministries", StringComparison.Ordinal));
        // On a file system whose times are coarse, the edit could keep the time it replaced: move it on, as a later edit would.
        File.SetLastWriteTimeUtc(PagePath, written.AddSeconds(2));
        var after = document.Under("/civil/");

        Assert.False(before!.Value.Equals(after!.Value));
        var html = Encoding.UTF8.GetString(after.Value.Span);
        Assert.Contains(">Ministries</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/civil/department\"", html, StringComparison.Ordinal);
        Assert.True(after.Value.Equals(document.Under("/civil/")!.Value), "the edited page is not kept");
    }

    [Fact]
    public void Under_FileEditedKeepingItsTime_ServesTheEditedFile()
    {
        File.WriteAllText(PagePath, Page);
        var written = File.GetLastWriteTimeUtc(PagePath);
        var document = new PageDocument(_files);
        _ = document.Under("/civil/");

        File.WriteAllText(PagePath, Page.Replace("Department", "Department of civil affairs", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(PagePath, written);
        var after = document.Under("/civil/");

        Assert.Contains(">Department of civil affairs</a>", Encoding.UTF8.GetString(after!.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Under_TwoBases_EachGetsItsOwnPage()
    {
        File.WriteAllText(PagePath, Page);
        var document = new PageDocument(_files);

        var civil = Encoding.UTF8.GetString(document.Under("/civil/")!.Value.Span);
        var health = Encoding.UTF8.GetString(document.Under("/health/")!.Value.Span);

        Assert.Contains("src=\"/civil/js/app.js\"", civil, StringComparison.Ordinal);
        Assert.Contains("src=\"/health/js/app.js\"", health, StringComparison.Ordinal);
        Assert.DoesNotContain("/civil/", health, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_MoreBasesThanKept_RebasesEachOnItsLoad_AndKeepsOnlyTheFirst()
    {
        File.WriteAllText(PagePath, Page);
        var document = new PageDocument(_files);
        var bases = Enumerable.Range(0, PageDocument.MaxBasePaths + 3).Select(i => $"/base{i}/").ToList();
        foreach (var basePath in bases)
        {
            Assert.Contains($"src=\"{basePath}js/app.js\"", Encoding.UTF8.GetString(document.Under(basePath)!.Value.Span), StringComparison.Ordinal);
        }

        var kept = bases[PageDocument.MaxBasePaths - 1];
        var beyond = bases[PageDocument.MaxBasePaths];
        Assert.True(document.Under(kept)!.Value.Equals(document.Under(kept)!.Value), $"{kept} is not kept");
        Assert.False(document.Under(beyond)!.Value.Equals(document.Under(beyond)!.Value), $"{beyond} is kept beyond the bound");
        Assert.Contains($"src=\"{beyond}js/app.js\"", Encoding.UTF8.GetString(document.Under(beyond)!.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Under_NoPage_IsNothing()
    {
        var document = new PageDocument(_files);

        Assert.Null(document.Under("/civil/"));
        Assert.False(document.File.Exists);
    }

    public void Dispose()
    {
        _files.Dispose();
        _root.Delete(recursive: true);
    }
}
