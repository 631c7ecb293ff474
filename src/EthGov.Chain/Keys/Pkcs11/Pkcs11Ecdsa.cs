using System.Security.Cryptography;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// A P-256 signing key in a PKCS#11 module as .NET's <see cref="ECDsa"/>, so code that signs with an <see cref="ECDsa"/>
/// (RFC 9421 message signatures between nodes) signs through C_Sign without knowing where the key is. .NET hashes, the
/// module signs the hash (CKM_ECDSA); the private key cannot be exported or replaced.
/// </summary>
public sealed class Pkcs11Ecdsa : ECDsa
{
    private readonly Pkcs11PrivateKey _key;
    private readonly ECDsa _public;

    private Pkcs11Ecdsa(Pkcs11PrivateKey key)
    {
        _key = key;
        _public = Create(PublicParameters(key));
        KeySizeValue = 256;
        LegalKeySizesValue = [new KeySizes(256, 256, 0)];
    }

    /// <summary>Opens the P-256 key <paramref name="uri"/> names; it must be allowed to sign (CKA_SIGN).</summary>
    /// <exception cref="Pkcs11KeyException">The module, token, PIN or key is missing or refused, or the key is not on P-256.</exception>
    public static Pkcs11Ecdsa Open(Pkcs11Uri uri) => new(Pkcs11PrivateKey.Open(uri, EcCurve.P256));

    /// <inheritdoc />
    public override byte[] SignHash(byte[] hash) => _key.SignDigest(hash);

    /// <inheritdoc />
    public override bool VerifyHash(byte[] hash, byte[] signature) => _public.VerifyHash(hash, signature);

    /// <inheritdoc />
    public override ECParameters ExportParameters(bool includePrivateParameters)
        => includePrivateParameters
            ? throw new CryptographicException($"{_key.Uri.Describe()} stays in its PKCS#11 module: it cannot be exported")
            : _public.ExportParameters(includePrivateParameters: false);

    /// <inheritdoc />
    public override ECParameters ExportExplicitParameters(bool includePrivateParameters) => ExportParameters(includePrivateParameters);

    /// <inheritdoc />
    public override void ImportParameters(ECParameters parameters)
        => throw new CryptographicException("a PKCS#11 key cannot be replaced by imported parameters");

    /// <inheritdoc />
    public override void GenerateKey(ECCurve curve)
        => throw new CryptographicException("a PKCS#11 key is generated in its module (ethgov keys pkcs11 new)");

    /// <inheritdoc />
    protected override byte[] HashData(byte[] data, int offset, int count, HashAlgorithmName hashAlgorithm)
        => CryptographicOperations.HashData(hashAlgorithm, data.AsSpan(offset, count));

    /// <inheritdoc />
    protected override byte[] HashData(Stream data, HashAlgorithmName hashAlgorithm)
        => CryptographicOperations.HashData(hashAlgorithm, data);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
            _public.Dispose();
        }

        base.Dispose(disposing);
    }

    internal static ECParameters PublicParameters(Pkcs11PrivateKey key) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = key.PublicPoint[1..33], Y = key.PublicPoint[33..] },
    };
}
