using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.FileProviders;

namespace EthGov.Api.Page;

/// <summary>
/// The page's <c>index.html</c> rebased under a base path (<see cref="PageApi.Rebase"/>), kept in memory: read and
/// rewritten once per base path, not on every load. A copy is kept only while the file's last-write time and length are
/// those it was made from, so a file edited in place (a development edit, a deployment that replaces wwwroot) is served
/// changed on the next load.
/// </summary>
public sealed class PageDocument
{
    /// <summary>
    /// The most base paths kept. A node serves under one base (its public path, or <c>/</c>): more would mean a base that
    /// comes from the request, and each further one is rebased on its load instead of growing the memory kept.
    /// </summary>
    public const int MaxBasePaths = 4;

    private const string FileName = "index.html";

    private readonly IFileProvider _files;
    private readonly ConcurrentDictionary<string, Rebased> _byBase = new(StringComparer.Ordinal);

    /// <summary>The document of <paramref name="files"/> (the node's web root).</summary>
    public PageDocument(IFileProvider files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
    }

    /// <summary>The page as written, to serve at the host's root; it may not exist.</summary>
    public IFileInfo File => _files.GetFileInfo(FileName);

    /// <summary>
    /// The page under <paramref name="basePath"/> as UTF-8: the same memory on every call until the file changes; null
    /// when there is no page.
    /// </summary>
    public ReadOnlyMemory<byte>? Under(string basePath)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        var file = File;
        if (!file.Exists)
        {
            return null;
        }

        // Taken before the read: a file changed during the read is kept with the older version, and made again next time.
        var version = new FileVersion(file.LastModified, file.Length);
        if (_byBase.TryGetValue(basePath, out var kept) && kept.Version == version)
        {
            return kept.Utf8;
        }

        string html;
        using (var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8))
        {
            html = reader.ReadToEnd();
        }

        var rebased = new Rebased(version, Encoding.UTF8.GetBytes(PageApi.Rebase(html, basePath)));
        if (_byBase.ContainsKey(basePath) || _byBase.Count < MaxBasePaths)
        {
            _byBase[basePath] = rebased;
        }

        return rebased.Utf8;
    }

    private readonly record struct FileVersion(DateTimeOffset LastModified, long Length);

    private sealed record Rebased(FileVersion Version, byte[] Utf8);
}
