using System.Security.Cryptography;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// The <c>ecdsa-p256-sha256</c> algorithm of RFC 9421 section 3.3.4: ECDSA on curve P-256 over the SHA-256 of
/// the signature base, the signature being the 64 bytes r || s (each 32 bytes, big-endian: IEEE P1363), not DER.
/// </summary>
/// <remarks>
/// .NET's own <see cref="ECDsa"/> does the work (OpenSSL on Linux), which signs and checks in tens of
/// microseconds; a department node's published key is a P-256 key for this reason (docs/decisions.md, decision 16).
/// ECDSA signatures are randomised: the same base signed twice gives two different, equally valid signatures.
/// </remarks>
public static class EcdsaP256Sha256
{
    /// <summary>The algorithm's name in the <c>alg</c> parameter.</summary>
    public const string Name = "ecdsa-p256-sha256";

    /// <summary>Length of a signature: r || s, 32 bytes each.</summary>
    public const int SignatureSize = 64;

    /// <summary>Length of an uncompressed public point without its <c>0x04</c> prefix: x || y.</summary>
    public const int PublicKeySize = 64;

    /// <summary>Signs <paramref name="data"/> (the signature base) with a P-256 private key.</summary>
    /// <exception cref="ArgumentException">The key is not a P-256 key.</exception>
    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException($"{Name} signs with a P-256 key, not a {key.KeySize}-bit one.", nameof(key));
        }

        return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid 64-byte r || s signature of <paramref name="data"/> by
    /// <paramref name="key"/>; false for any other length, any other key size, or a signature that does not verify.
    /// </summary>
    public static bool Verify(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        return signature.Length == SignatureSize
            && key.KeySize == 256
            && key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>
    /// A P-256 public key from its uncompressed point, x || y (64 bytes) or 0x04 || x || y (65 bytes), as a
    /// department publishes it on chain.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not an uncompressed point of that length.</exception>
    /// <exception cref="CryptographicException">The point is not on the curve.</exception>
    public static ECDsa ImportPublicKey(ReadOnlySpan<byte> point)
    {
        if (point.Length == PublicKeySize + 1 && point[0] == 0x04)
        {
            point = point[1..];
        }

        if (point.Length != PublicKeySize)
        {
            throw new ArgumentException($"A P-256 public key is {PublicKeySize} bytes (x || y) or 65 bytes starting 0x04, got {point.Length}.", nameof(point));
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[..32].ToArray(), Y = point[32..].ToArray() },
        };
        parameters.Validate();
        return ECDsa.Create(parameters);
    }

    /// <summary>
    /// <see cref="ImportPublicKey"/>, or null when the bytes are no P-256 point: a department that publishes such bytes
    /// publishes no usable key, and nothing signed can verify with it.
    /// </summary>
    public static ECDsa? TryImportPublicKey(ReadOnlySpan<byte> point)
    {
        try
        {
            return ImportPublicKey(point);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The uncompressed public point of a P-256 key, x || y (64 bytes).</summary>
    /// <exception cref="ArgumentException">The key is not on curve P-256.</exception>
    public static byte[] ExportPublicKey(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException($"The key is on curve {parameters.Curve.Oid?.FriendlyName ?? "(unnamed)"}, not P-256.", nameof(key));
        }

        return [.. parameters.Q.X!, .. parameters.Q.Y!];
    }
}
