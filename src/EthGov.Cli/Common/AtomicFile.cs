using System.Security.Cryptography;
using System.Text;

namespace EthGov.Cli.Common;

/// <summary>
/// Writes a file by creating a new one beside it and renaming it over the old name. The rename replaces whatever
/// has that name, a symbolic link included, without following it: a link planted where a receipt goes cannot
/// make the CLI write into the file it points to, and a reader never sees half a file.
/// </summary>
public static class AtomicFile
{
    /// <summary>How the names of files being written begin.</summary>
    public const string TemporaryPrefix = ".tmp-";

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8).</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        // Hidden, and ending in the final name, so a file left by a killed process is still no document to anchor.
        var temporary = Path.Combine(folder, $"{TemporaryPrefix}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-{Path.GetFileName(path)}");
        try
        {
            // CreateNew is O_CREAT|O_EXCL: it never opens an existing file and never follows a link.
            await using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None }))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
