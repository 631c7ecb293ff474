using System.Security.Cryptography;
using System.Text;

namespace EthGov.Core.Records;

/// <summary>
/// Binds a record to the person it concerns without naming them: SHA-256(salt || "ethgov:subject:" || lowercase 0x
/// address), as 0x-hex. The salt is the record's own, so two records of one person carry unrelated commitments, and no
/// one can test an address against a commitment without the salt.
/// </summary>
public static class SubjectCommitment
{
    private static readonly byte[] s_label = Encoding.UTF8.GetBytes("ethgov:subject:");

    /// <summary>The commitment to <paramref name="address"/> (an Ethereum address, any case) under <paramref name="salt"/>.</summary>
    /// <exception cref="ArgumentException">The address is not 0x and 40 hex digits, or the salt is not <see cref="SaltedRecord.SaltSize"/> bytes.</exception>
    public static string Of(string address, ReadOnlySpan<byte> salt)
    {
        var normalized = NormalizeAddress(address);
        if (salt.Length != SaltedRecord.SaltSize)
        {
            throw new ArgumentException($"a record's salt is {SaltedRecord.SaltSize} bytes, not {salt.Length}", nameof(salt));
        }

        var addressBytes = Encoding.ASCII.GetBytes(normalized);
        var input = new byte[salt.Length + s_label.Length + addressBytes.Length];
        salt.CopyTo(input);
        s_label.CopyTo(input, salt.Length);
        addressBytes.CopyTo(input, salt.Length + s_label.Length);
        return "0x" + Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>
    /// <paramref name="address"/> as <c>0x</c> and 40 lowercase hex digits.
    /// </summary>
    /// <exception cref="ArgumentException">It is not 0x and 40 hex digits.</exception>
    public static string NormalizeAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        if (text.Length != 42 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsHex(text.AsSpan(2)))
        {
            throw new ArgumentException($"'{address}' is not an address (0x and 40 hex digits)", nameof(address));
        }

        return "0x" + text[2..].ToLowerInvariant();
    }

    /// <summary>True when <paramref name="address"/> is 0x and 40 hex digits.</summary>
    public static bool IsAddress(string? address)
    {
        var text = address?.Trim();
        return text is { Length: 42 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && IsHex(text.AsSpan(2));
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
