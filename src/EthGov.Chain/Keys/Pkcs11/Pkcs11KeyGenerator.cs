using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// Creates a key pair inside a token (C_GenerateKeyPair, CKM_EC_KEY_PAIR_GEN): the private half is sensitive and not
/// extractable, so it never exists outside the module; both halves carry the URI's label and an id.
/// </summary>
public static class Pkcs11KeyGenerator
{
    /// <summary>What a generated key may do.</summary>
    public enum Usage
    {
        /// <summary>CKA_SIGN: signer keys and node signing keys.</summary>
        Sign,

        /// <summary>CKA_DERIVE: the node's HPKE key, which only agrees on ECDH secrets.</summary>
        Derive,
    }

    /// <summary>
    /// Generates a key pair on <paramref name="curve"/> labelled as <paramref name="uri"/> says (its <c>object</c>), with the
    /// URI's id or a random 16-byte one; refuses when the token already holds a key with that label.
    /// </summary>
    /// <returns>The uncompressed public point (65 bytes).</returns>
    /// <exception cref="Pkcs11KeyException">The token refuses, or a key with that label exists.</exception>
    public static byte[] Generate(Pkcs11Uri uri, EcCurve curve, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(curve);
        if (uri.ObjectLabel is null)
        {
            throw new ArgumentException("name the new key in the URI: object=<label>");
        }

        using var session = Pkcs11Modules.OpenSession(uri);
        var factory = Pkcs11Modules.Factories.ObjectAttributeFactory;
        var existing = session.FindAllObjects([factory.Create(CKA.CKA_LABEL, uri.ObjectLabel)]);
        if (existing.Count > 0)
        {
            throw new Pkcs11KeyException($"PKCS#11 token '{uri.Token}' already holds an object labelled '{uri.ObjectLabel}'; refusing to add a second");
        }

        var id = uri.Id ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        List<IObjectAttribute> publicTemplate =
        [
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, false),
            factory.Create(CKA.CKA_LABEL, uri.ObjectLabel),
            factory.Create(CKA.CKA_ID, id),
            factory.Create(CKA.CKA_EC_PARAMS, curve.OidDer),
            factory.Create(CKA.CKA_VERIFY, usage == Usage.Sign),
            factory.Create(CKA.CKA_DERIVE, usage == Usage.Derive),
        ];
        List<IObjectAttribute> privateTemplate =
        [
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, true),
            factory.Create(CKA.CKA_SENSITIVE, true),
            factory.Create(CKA.CKA_EXTRACTABLE, false),
            factory.Create(CKA.CKA_LABEL, uri.ObjectLabel),
            factory.Create(CKA.CKA_ID, id),
            factory.Create(CKA.CKA_SIGN, usage == Usage.Sign),
            factory.Create(CKA.CKA_DERIVE, usage == Usage.Derive),
        ];
        try
        {
            using var mechanism = Pkcs11Modules.Factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN);
            session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out _);
        }
        catch (Pkcs11Exception ex)
        {
            throw new Pkcs11KeyException($"PKCS#11 token '{uri.Token}' cannot generate a {curve.Name} key ({ex.RV})", ex);
        }

        using var key = Pkcs11PrivateKey.Open(uri.WithObjectLabel(uri.ObjectLabel), curve);
        return key.PublicPoint;
    }
}
