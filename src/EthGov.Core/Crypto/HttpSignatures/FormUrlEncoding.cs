using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// application/x-www-form-urlencoded parsing and percent-encoding as RFC 9421 section 2.2.8 uses them for
/// <c>@query-param</c>: split on '&amp;' and the first '=', '+' read as a space, %XX decoded as UTF-8; then
/// every byte but ASCII letters, digits and <c>*-._</c> written as %XX with uppercase hex.
/// </summary>
/// <remarks>
/// A space is written <c>%20</c>, not <c>+</c>: that is what the RFC's own examples of <c>@query-param</c> show.
/// </remarks>
internal static class FormUrlEncoding
{
    /// <summary>The (name, value) pairs of a query, decoded, in their order; empty sequences between '&amp;' are skipped.</summary>
    public static List<(string Name, string Value)> Parse(string query)
    {
        var pairs = new List<(string, string)>();
        foreach (var sequence in query.Split('&'))
        {
            if (sequence.Length == 0)
            {
                continue;
            }

            int equals = sequence.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? sequence : sequence[..equals];
            string value = equals < 0 ? string.Empty : sequence[(equals + 1)..];
            pairs.Add((Decode(name), Decode(value)));
        }

        return pairs;
    }

    /// <summary>'+' as a space, then %XX sequences as bytes, read as UTF-8; a '%' not followed by two hex digits stays as it is.</summary>
    public static string Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else
            {
                int width = i + 1 < text.Length && char.IsSurrogatePair(c, text[i + 1]) ? 2 : 1;
                int length = Encoding.UTF8.GetBytes(text.AsSpan(i, width), utf8);
                i += width - 1;
                for (int b = 0; b < length; b++)
                {
                    bytes.Add(utf8[b]);
                }
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>, percent-encoded with the form-urlencoded set.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private const string HexDigits = "0123456789ABCDEF";
}
