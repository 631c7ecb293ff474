using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// A P-256 private key for HPKE: a node's long-lived decryption key, or a sender's ephemeral key.
/// It holds a .NET <see cref="ECDiffieHellman"/>, so dispose it when done.
/// </summary>
public sealed class HpkePrivateKey : IDisposable
{
    private readonly ECDiffieHellman _ecdh;

    private HpkePrivateKey(ECDiffieHellman ecdh)
    {
        _ecdh = ecdh;
        PublicKey = HpkePublicKey.FromOwnPoint(ecdh.ExportParameters(includePrivateParameters: false).Q);
    }

    /// <summary>Length of a serialized private key (Nsk).</summary>
    public const int Length = P256.ScalarLength;

    /// <summary>The public half, to publish.</summary>
    public HpkePublicKey PublicKey { get; }

    /// <summary>The key as .NET's key-agreement object, for the KEM's Diffie-Hellman.</summary>
    internal ECDiffieHellman Ecdh => _ecdh;

    /// <summary>A fresh random key pair (RFC 9180 GenerateKeyPair).</summary>
    public static HpkePrivateKey Generate() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// The key pair that RFC 9180 §7.1.3 DeriveKeyPair derives from input keying material: the same
    /// <paramref name="ikm"/> always gives the same pair. It needs at least 32 bytes of entropy.
    /// </summary>
    /// <exception cref="CryptographicException">All 256 candidates were out of range (probability about 2^-8192).</exception>
    public static HpkePrivateKey Derive(ReadOnlySpan<byte> ikm) => FromBytes(DhKem.DeriveScalar(ikm));

    /// <summary>
    /// A key whose private half lives elsewhere (a hardware module) and answers only raw Diffie-Hellman through
    /// <see cref="ECDiffieHellman.DeriveRawSecretAgreement"/>; this instance owns <paramref name="ecdh"/> and disposes it.
    /// <see cref="ExportBytes"/> fails for such a key.
    /// </summary>
    /// <exception cref="HpkeInvalidKeyException">The key is not on P-256.</exception>
    public static HpkePrivateKey FromKeyAgreement(ECDiffieHellman ecdh)
    {
        ArgumentNullException.ThrowIfNull(ecdh);
        var parameters = ecdh.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value || parameters.Q.X is not { Length: P256.CoordinateLength })
        {
            throw new HpkeInvalidKeyException(HpkeKeyProblem.NotOnCurve, "An HPKE key of this suite is on curve P-256.");
        }

        return new HpkePrivateKey(ecdh);
    }

    /// <summary>Reads a stored key (RFC 9180 DeserializePrivateKey): a 32-byte big-endian scalar in [1, n - 1].</summary>
    /// <exception cref="HpkeInvalidKeyException">The bytes are not a valid P-256 private key.</exception>
    public static HpkePrivateKey FromBytes(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != Length)
        {
            throw new HpkeInvalidKeyException(HpkeKeyProblem.WrongLength, $"A P-256 private key is {Length} bytes; these are {scalar.Length}.");
        }

        if (!P256.IsValidScalar(scalar))
        {
            throw new HpkeInvalidKeyException(HpkeKeyProblem.ScalarOutOfRange, "A P-256 private key must be between 1 and the group order minus 1.");
        }

        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar.ToArray() };
        try
        {
            // Given D alone, .NET computes the public point itself.
            return new HpkePrivateKey(ECDiffieHellman.Create(parameters));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>The 32-byte big-endian scalar (RFC 9180 SerializePrivateKey), to store encrypted like any key.</summary>
    public byte[] ExportBytes()
    {
        var parameters = _ecdh.ExportParameters(includePrivateParameters: true);
        return parameters.D!;
    }

    /// <inheritdoc />
    public void Dispose() => _ecdh.Dispose();
}
