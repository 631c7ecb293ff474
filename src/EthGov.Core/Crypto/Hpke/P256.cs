using System.Globalization;
using System.Numerics;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// The P-256 facts HPKE needs beyond what <see cref="System.Security.Cryptography.ECDiffieHellman"/> offers:
/// the range of private scalars (for DeriveKeyPair and key import) and partial public key validation
/// (NIST SP 800-56A §5.6.2.3.4, required by RFC 9180 §7.1.4). The validation is written out here rather
/// than left to the platform's import, so that every platform refuses the same keys with the same reason.
/// </summary>
internal static class P256
{
    public const int ScalarLength = 32;
    public const int CoordinateLength = 32;

    /// <summary>Npk = Nenc: 0x04, then x and y, 32 bytes each.</summary>
    public const int PublicKeyLength = 1 + (2 * CoordinateLength);

    private const byte Uncompressed = 0x04;

    // The group order n (RFC 9180 §7.1.3), big-endian: a private key is an integer in [1, n - 1].
    private static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ];

    // The field prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1 and the curve's b in y^2 = x^3 - 3x + b (FIPS 186-4 D.1.2.3).
    private static readonly BigInteger s_p = BigInteger.Parse(
        "0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static readonly BigInteger s_b = BigInteger.Parse(
        "05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Whether a 32-byte big-endian integer is a valid private scalar: neither zero nor at least n.</summary>
    public static bool IsValidScalar(ReadOnlySpan<byte> scalar) =>
        scalar.Length == ScalarLength && scalar.ContainsAnyExcept((byte)0) && scalar.SequenceCompareTo(Order) < 0;

    /// <summary>
    /// Checks an uncompressed SEC1 public key: length, form, coordinates below p and the curve equation.
    /// The point at infinity has no 65-byte encoding (SEC1 writes it as one 0x00 byte), so a key that
    /// passes is a finite point; P-256's cofactor is 1, so a finite point on the curve is in the group.
    /// </summary>
    /// <returns>Null when the key is valid, otherwise what is wrong with it.</returns>
    public static HpkeKeyProblem? CheckPublicKey(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != PublicKeyLength)
        {
            return HpkeKeyProblem.WrongLength;
        }

        if (encoded[0] != Uncompressed)
        {
            return HpkeKeyProblem.NotUncompressed;
        }

        var x = new BigInteger(encoded.Slice(1, CoordinateLength), isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(encoded.Slice(1 + CoordinateLength, CoordinateLength), isUnsigned: true, isBigEndian: true);
        if (x >= s_p || y >= s_p)
        {
            return HpkeKeyProblem.CoordinateOutOfRange;
        }

        var left = BigInteger.ModPow(y, 2, s_p);
        var right = Mod((BigInteger.ModPow(x, 3, s_p) - (3 * x) + s_b), s_p);
        return left == right ? null : HpkeKeyProblem.NotOnCurve;
    }

    private static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }
}
