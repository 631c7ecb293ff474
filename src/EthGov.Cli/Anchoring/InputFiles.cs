namespace EthGov.Cli.Anchoring;

/// <summary>A file to anchor and the path its receipt is written to.</summary>
public sealed record InputFile(string Path, string ReceiptPath);

/// <summary>Expands the command line's files and folders into the files to anchor.</summary>
public static class InputFiles
{
    /// <summary>The suffix of receipt files, which are never anchored themselves.</summary>
    public const string ReceiptSuffix = ".receipt.json";

    /// <summary>
    /// Every regular file under <paramref name="paths"/> (folders recursively, in a stable order), with its receipt
    /// path next to it or, with <paramref name="outDir"/>, at the same relative place under that folder.
    /// </summary>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> paths, string? outDir)
    {
        var outFull = outDir is null ? null : Path.GetFullPath(outDir) + Path.DirectorySeparatorChar;
        var files = new List<InputFile>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (IsCandidate(file, outFull))
                    {
                        files.Add(new InputFile(file, ReceiptPathFor(file, Path.GetRelativePath(root, file), outDir)));
                    }
                }
            }
            else if (File.Exists(path))
            {
                var full = Path.GetFullPath(path);
                files.Add(new InputFile(full, ReceiptPathFor(full, Path.GetFileName(full), outDir)));
            }
            else
            {
                throw new Common.CliException($"'{path}' is neither a file nor a folder");
            }
        }

        return files;
    }

    private static bool IsCandidate(string file, string? outFull) =>
        !file.EndsWith(ReceiptSuffix, StringComparison.Ordinal)
        && (outFull is null || !file.StartsWith(outFull, StringComparison.Ordinal));

    private static string ReceiptPathFor(string file, string relative, string? outDir) =>
        outDir is null ? file + ReceiptSuffix : Path.Combine(Path.GetFullPath(outDir), relative + ReceiptSuffix);
}
