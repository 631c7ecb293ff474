using System.Text;

namespace EthGov.Chain.Keys;

/// <summary>
/// Writes a file that must not exist yet (a key or keystore), in one step that fails when anything, a link included,
/// already has its name, so no other process can slip a file or a link in between a check and the write.
/// </summary>
public static class NewFile
{
    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="text"/> (UTF-8), readable and writable by its owner only when
    /// <paramref name="ownerOnly"/>; creates a missing folder for the owner only.
    /// </summary>
    /// <exception cref="IOException"><paramref name="path"/> exists (as a file, a folder or a link).</exception>
    public static void Write(string path, string text, bool ownerOnly = true)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!OperatingSystem.IsWindows())
        {
            if (ownerOnly)
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        else
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            // CreateNew is O_CREAT|O_EXCL: it never opens an existing file and never follows a link.
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            throw new IOException($"'{path}' exists; refusing to overwrite it", ex);
        }
    }
}
