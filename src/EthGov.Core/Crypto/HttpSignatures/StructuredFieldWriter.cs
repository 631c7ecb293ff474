using System.Globalization;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// RFC 8941 serialisation (section 4.1) of the items a signature needs: integers, strings and byte
/// sequences (the inner lists and parameters built from them are written by their owners). The output is canonical, so a parsed field written back
/// is the text the signer signed.
/// </summary>
internal static class StructuredFieldWriter
{
    /// <summary>Largest magnitude of an RFC 8941 integer (15 digits).</summary>
    public const long MaxInteger = 999_999_999_999_999;

    /// <summary>True when <paramref name="value"/> can be written as an RFC 8941 string (printable ASCII only).</summary>
    public static bool IsSerializableString(string value) => !value.AsSpan().ContainsAnyExceptInRange(' ', '~');

    /// <summary>True when <paramref name="key"/> is an RFC 8941 key (lowercase letter or '*', then lcalpha, digit, _ - . *).</summary>
    public static bool IsKey(string key)
    {
        if (key.Length == 0 || !(key[0] is (>= 'a' and <= 'z') or '*'))
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.' or '*'))
            {
                return false;
            }
        }

        return true;
    }

    public static void AppendString(StringBuilder builder, string value)
    {
        if (!IsSerializableString(value))
        {
            throw new ArgumentException("An RFC 8941 string holds printable ASCII only.", nameof(value));
        }

        builder.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    public static void AppendInteger(StringBuilder builder, long value)
    {
        if (value is > MaxInteger or < -MaxInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An RFC 8941 integer has at most 15 digits.");
        }

        builder.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public static void AppendByteSequence(StringBuilder builder, ReadOnlySpan<byte> value)
    {
        builder.Append(':').Append(Convert.ToBase64String(value)).Append(':');
    }
}
