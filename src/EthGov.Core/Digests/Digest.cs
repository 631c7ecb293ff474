using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace EthGov.Core.Digests;

/// <summary>
/// A 32-byte value written <c>0x</c> + 64 lowercase hex digits: a document's SHA-256 digest, and on
/// chain any <c>bytes32</c> (a Merkle root, a proof element, a transaction or block hash).
/// </summary>
/// <remarks>
/// The bytes are kept as four big-endian 64-bit words so that comparing two digests as numbers is the
/// same as comparing their bytes lexicographically, the order the Merkle tree sorts by.
/// </remarks>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly struct Digest : IEquatable<Digest>, IComparable<Digest>, ISpanFormattable
{
    /// <summary>Number of bytes in a digest.</summary>
    public const int Size = 32;

    /// <summary>Number of characters in the text form, <c>0x</c> included.</summary>
    public const int TextLength = 2 + 2 * Size;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    /// <summary>Creates a digest from exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public Digest(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A digest is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    private Digest(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    /// <summary>The all-zero value, which the contract uses for "none" (for example no successor).</summary>
    public static Digest Zero => default;

    /// <summary>True when every byte is zero.</summary>
    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>Parses <c>0x</c> + 64 hex digits; upper-case digits are accepted.</summary>
    /// <exception cref="FormatException">The text is not a digest; the message says why.</exception>
    public static Digest Parse(string text)
    {
        if (!TryParse(text, out var digest, out var error))
        {
            throw new FormatException($"Invalid digest: {error}.");
        }

        return digest;
    }

    /// <summary>Parses <c>0x</c> + 64 hex digits; upper-case digits are accepted.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest) =>
        TryParse(text, out digest, out _);

    /// <summary>
    /// Parses <c>0x</c> + 64 hex digits and, on failure, says precisely what is wrong
    /// (missing prefix, a non-hex character and where, an odd or wrong number of digits).
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        out Digest digest,
        [NotNullWhen(false)] out string? error)
    {
        digest = default;
        if (text is null)
        {
            error = "no value";
            return false;
        }

        if (text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            error = "missing '0x' prefix";
            return false;
        }

        var hex = text.AsSpan(2);
        int bad = hex.IndexOfAnyExcept(s_hexDigits);
        if (bad >= 0)
        {
            error = $"non-hex character '{hex[bad]}' at position {bad + 2}";
            return false;
        }

        if (hex.Length % 2 != 0)
        {
            error = $"odd number of hex digits ({hex.Length})";
            return false;
        }

        if (hex.Length != 2 * Size)
        {
            error = $"wrong length: {hex.Length} hex digits instead of {2 * Size}";
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        Convert.FromHexString(hex, bytes, out _, out _);
        digest = new Digest(bytes);
        error = null;
        return true;
    }

    /// <summary>A digest from its four big-endian 64-bit words (for the Merkle hashing that works on words).</summary>
    internal static Digest FromWords(ulong w0, ulong w1, ulong w2, ulong w3) => new(w0, w1, w2, w3);

    /// <summary>Big-endian word <paramref name="index"/> (0 to 3) of the 32 bytes.</summary>
    internal ulong Word(int index) => index switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"Destination must hold {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>Returns the 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Returns <c>0x</c> + 64 lowercase hex digits.</summary>
    public override string ToString() => string.Create(TextLength, this, static (chars, digest) =>
        digest.TryFormat(chars, out _, default, null));

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < TextLength)
        {
            charsWritten = 0;
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        destination[0] = '0';
        destination[1] = 'x';
        Convert.TryToHexStringLower(bytes, destination[2..], out _);
        charsWritten = TextLength;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Digest other) =>
        _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <summary>Compares the bytes lexicographically (as unsigned 256-bit big-endian numbers).</summary>
    public int CompareTo(Digest other)
    {
        int c = _w0.CompareTo(other._w0);
        if (c != 0)
        {
            return c;
        }

        c = _w1.CompareTo(other._w1);
        if (c != 0)
        {
            return c;
        }

        c = _w2.CompareTo(other._w2);
        return c != 0 ? c : _w3.CompareTo(other._w3);
    }

    /// <summary>Equality of the 32 bytes.</summary>
    public static bool operator ==(Digest left, Digest right) => left.Equals(right);

    /// <summary>Inequality of the 32 bytes.</summary>
    public static bool operator !=(Digest left, Digest right) => !left.Equals(right);

    /// <summary>Lexicographic byte order.</summary>
    public static bool operator <(Digest left, Digest right) => left.CompareTo(right) < 0;

    /// <summary>Lexicographic byte order.</summary>
    public static bool operator >(Digest left, Digest right) => left.CompareTo(right) > 0;

    /// <summary>Lexicographic byte order.</summary>
    public static bool operator <=(Digest left, Digest right) => left.CompareTo(right) <= 0;

    /// <summary>Lexicographic byte order.</summary>
    public static bool operator >=(Digest left, Digest right) => left.CompareTo(right) >= 0;

    private static readonly System.Buffers.SearchValues<char> s_hexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
