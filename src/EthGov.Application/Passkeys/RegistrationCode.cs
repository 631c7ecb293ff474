using System.Security.Cryptography;
using System.Text;

namespace EthGov.Application.Passkeys;

/// <summary>
/// The one-time code with which a citizen binds a passkey to a record: 160 random bits written as 32 letters and digits
/// of RFC 4648's base32 alphabet in groups of four, short enough to print on a certificate and type by hand. Guessing
/// one is hopeless, so it is stored as its SHA-256 (no slow hash is needed); the code itself is shown once.
/// </summary>
public static class RegistrationCode
{
    /// <summary>Characters in a code, without separators.</summary>
    public const int Length = 32;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A new code, grouped as <c>XXXX-XXXX-…</c>.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(Length + (Length / 4) - 1);
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append('-');
            }

            // 32 values from one byte each: the low five bits, uniformly distributed.
            text.Append(Alphabet[bytes[i] & 31]);
        }

        return text.ToString();
    }

    /// <summary>
    /// The stored hash of <paramref name="code"/> as typed (case, spaces and dashes ignored), or null when it cannot be a
    /// code: wrong length or a character outside the alphabet. Bounded before any work: a long input is refused at once.
    /// </summary>
    public static byte[]? Hash(string? code)
    {
        if (code is null || code.Length > 2 * Length)
        {
            return null;
        }

        Span<byte> normalized = stackalloc byte[Length];
        var count = 0;
        foreach (var c in code)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            normalized[count++] = (byte)upper;
        }

        return count == Length ? SHA256.HashData(normalized) : null;
    }
}
