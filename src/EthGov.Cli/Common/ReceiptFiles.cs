using EthGov.Core.Receipts;

namespace EthGov.Cli.Common;

/// <summary>Reads receipt files given on the command line.</summary>
public static class ReceiptFiles
{
    /// <summary>The receipt at <paramref name="path"/>, or null when no path was given; a bad file fails the command.</summary>
    public static async Task<Receipt?> ReadOptionalAsync(string? path, CancellationToken ct)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new CliException($"receipt '{path}' does not exist");
        }

        var parsed = ReceiptReader.Parse(await File.ReadAllTextAsync(path, ct));
        return parsed.IsValid ? parsed.Receipt : throw new CliException($"receipt '{path}' is not valid: {string.Join("; ", parsed.Errors.Take(3))}");
    }
}
