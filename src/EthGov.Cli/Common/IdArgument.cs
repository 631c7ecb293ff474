using System.Globalization;
using System.Numerics;

namespace EthGov.Cli.Common;

/// <summary>Reads the registry's ids (proposals, signer changes, grants) given on the command line.</summary>
public static class IdArgument
{
    /// <summary>Parses a positive uint256 or fails with a one-line message naming <paramref name="what"/>.</summary>
    public static BigInteger Parse(string text, string what)
        => text.Length <= 78 && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 && id < BigInteger.One << 256
            ? id
            : throw new CliException($"{what} must be a positive whole number, got '{(text.Length > 80 ? text[..80] + "…" : text)}'");
}
