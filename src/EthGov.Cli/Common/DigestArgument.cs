using EthGov.Core.Digests;

namespace EthGov.Cli.Common;

/// <summary>Reads digests and record ids given on the command line.</summary>
public static class DigestArgument
{
    /// <summary>Parses <paramref name="text"/> as a digest or fails with a one-line message naming <paramref name="what"/>.</summary>
    public static Digest Parse(string text, string what) =>
        Digest.TryParse(text, out var digest) ? digest : throw new CliException($"{what} '{Truncate(text)}' is not 0x followed by 64 hex digits");

    /// <summary>A digest given directly, or the SHA-256 of the file at that path.</summary>
    public static async Task<Digest> ParseOrHashFileAsync(string text, string what, CancellationToken ct)
    {
        if (Digest.TryParse(text, out var digest))
        {
            return digest;
        }

        return File.Exists(text) ? await DocumentHasher.HashFileAsync(text, ct) : throw new CliException($"{what} '{Truncate(text)}' is neither a digest nor a file");
    }

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
