using System.Security.Cryptography;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// A P-256 key-agreement key in a PKCS#11 module as .NET's <see cref="ECDiffieHellman"/>: the raw secret agreement (the
/// x-coordinate that HPKE's DHKEM needs) comes from C_DeriveKey with CKM_ECDH1_DERIVE and no KDF, so a node opens HPKE
/// content sealed to it while its private key stays in the module. The other derivations (hash, HMAC, TLS PRF) are not
/// offered: HPKE does its own key schedule on the raw secret.
/// </summary>
public sealed class Pkcs11Ecdh : ECDiffieHellman
{
    private readonly Pkcs11PrivateKey _key;
    private readonly ECDiffieHellman _public;

    private Pkcs11Ecdh(Pkcs11PrivateKey key)
    {
        _key = key;
        _public = Create(Pkcs11Ecdsa.PublicParameters(key));
        KeySizeValue = 256;
        LegalKeySizesValue = [new KeySizes(256, 256, 0)];
    }

    /// <summary>Opens the P-256 key <paramref name="uri"/> names; it must be allowed to derive (CKA_DERIVE).</summary>
    /// <exception cref="Pkcs11KeyException">The module, token, PIN or key is missing or refused, or the key is not on P-256.</exception>
    public static Pkcs11Ecdh Open(Pkcs11Uri uri) => new(Pkcs11PrivateKey.Open(uri, EcCurve.P256));

    /// <inheritdoc />
    public override ECDiffieHellmanPublicKey PublicKey => _public.PublicKey;

    /// <inheritdoc />
    public override byte[] DeriveRawSecretAgreement(ECDiffieHellmanPublicKey otherPartyPublicKey)
    {
        ArgumentNullException.ThrowIfNull(otherPartyPublicKey);
        var q = otherPartyPublicKey.ExportParameters().Q;
        if (q.X is not { Length: 32 } x || q.Y is not { Length: 32 } y)
        {
            throw new CryptographicException("the other party's key is not a P-256 point");
        }

        return _key.DeriveSharedSecret([0x04, .. x, .. y]);
    }

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
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
            _public.Dispose();
        }

        base.Dispose(disposing);
    }
}
