using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// An elliptic-curve private key inside a PKCS#11 module, with its public point (read from the public-key object of the
/// same label or id). The private key never leaves the module: it signs through C_Sign (CKM_ECDSA, on a digest the
/// caller computed) and agrees on a Diffie-Hellman secret through C_DeriveKey (CKM_ECDH1_DERIVE). Each key has its own
/// session, used by one operation at a time. Dispose it to close the session.
/// </summary>
public sealed class Pkcs11PrivateKey : IDisposable
{
    private readonly ISession _session;
    private readonly IObjectHandle _key;
    private readonly Lock _gate = new();
    private bool _disposed;

    private Pkcs11PrivateKey(Pkcs11Uri uri, EcCurve curve, ISession session, IObjectHandle key, byte[] publicPoint)
    {
        Uri = uri;
        Curve = curve;
        _session = session;
        _key = key;
        PublicPoint = publicPoint;
    }

    /// <summary>Where the key is.</summary>
    public Pkcs11Uri Uri { get; }

    /// <summary>The key's curve.</summary>
    public EcCurve Curve { get; }

    /// <summary>The public point, uncompressed: 0x04 || x || y (65 bytes).</summary>
    public byte[] PublicPoint { get; }

    /// <summary>
    /// Finds the private key <paramref name="uri"/> names, which must be on <paramref name="curve"/>, and logs in to its token.
    /// </summary>
    /// <exception cref="Pkcs11KeyException">The module, token, PIN or key is missing or refused, or the key is on another curve.</exception>
    /// <exception cref="InvalidOperationException">The PIN's source gives no PIN.</exception>
    public static Pkcs11PrivateKey Open(Pkcs11Uri uri, EcCurve curve)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(curve);
        var session = Pkcs11Modules.OpenSession(uri);
        try
        {
            var key = FindOne(session, uri, CKO.CKO_PRIVATE_KEY, "private key");
            var publicKey = FindOne(session, uri, CKO.CKO_PUBLIC_KEY, "public key (the key pair's other half, needed for its address)");
            var attributes = session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
            if (!curve.Matches(attributes[0].GetValueAsByteArray()))
            {
                throw new Pkcs11KeyException($"{uri.Describe()} is not on curve {curve.Name}");
            }

            return new Pkcs11PrivateKey(uri, curve, session, key, Uncompressed(uri, attributes[1].GetValueAsByteArray()));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Signs <paramref name="digest"/> as it is (CKM_ECDSA: the module hashes nothing); returns r || s, each as long as the
    /// curve's order (32 bytes), exactly as the module made them (s is not normalised).
    /// </summary>
    /// <exception cref="Pkcs11KeyException">The module refuses to sign.</exception>
    public byte[] SignDigest(ReadOnlySpan<byte> digest)
    {
        var data = digest.ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var mechanism = Pkcs11Modules.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
                var signature = _session.Sign(mechanism, _key, data);
                return signature.Length == 64
                    ? signature
                    : throw new Pkcs11KeyException($"{Uri.Describe()}: the module returned a {signature.Length}-byte signature, not r || s of 64 bytes");
            }
            catch (Pkcs11Exception ex)
            {
                throw new Pkcs11KeyException($"{Uri.Describe()} cannot sign ({ex.RV}); a signing key needs CKA_SIGN", ex);
            }
        }
    }

    /// <summary>
    /// The x-coordinate of this key times <paramref name="peerPoint"/> (uncompressed, 65 bytes): raw ECDH (CKM_ECDH1_DERIVE,
    /// no KDF). The secret comes out of the module as a session object that is destroyed right after it is read.
    /// </summary>
    /// <exception cref="Pkcs11KeyException">The module refuses the derivation.</exception>
    public byte[] DeriveSharedSecret(ReadOnlySpan<byte> peerPoint)
    {
        var factories = Pkcs11Modules.Factories;
        var template = new List<IObjectAttribute>
        {
            factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factories.ObjectAttributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
            factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, false),
            factories.ObjectAttributeFactory.Create(CKA.CKA_SENSITIVE, false),
            factories.ObjectAttributeFactory.Create(CKA.CKA_EXTRACTABLE, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_VALUE_LEN, (ulong)(PublicPoint.Length / 2)),
        };
        var parameters = factories.MechanismParamsFactory.CreateCkEcdh1DeriveParams((ulong)CKD.CKD_NULL, null, peerPoint.ToArray());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var mechanism = factories.MechanismFactory.Create(CKM.CKM_ECDH1_DERIVE, parameters);
                var secret = _session.DeriveKey(mechanism, _key, template);
                try
                {
                    return _session.GetAttributeValue(secret, [CKA.CKA_VALUE])[0].GetValueAsByteArray();
                }
                finally
                {
                    _session.DestroyObject(secret);
                }
            }
            catch (Pkcs11Exception ex)
            {
                throw new Pkcs11KeyException($"{Uri.Describe()} cannot derive an ECDH secret ({ex.RV}); an encryption key needs CKA_DERIVE", ex);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _session.Dispose();
            }
        }
    }

    private static IObjectHandle FindOne(ISession session, Pkcs11Uri uri, CKO objectClass, string what)
    {
        var attributes = Pkcs11Modules.Factories.ObjectAttributeFactory;
        var search = new List<IObjectAttribute> { attributes.Create(CKA.CKA_CLASS, objectClass), attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC) };
        if (uri.ObjectLabel is not null)
        {
            search.Add(attributes.Create(CKA.CKA_LABEL, uri.ObjectLabel));
        }

        if (uri.Id is not null)
        {
            search.Add(attributes.Create(CKA.CKA_ID, uri.Id));
        }

        var found = session.FindAllObjects(search);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new Pkcs11KeyException($"PKCS#11 token '{uri.Token}' holds no EC {what} {Name(uri)}"),
            _ => throw new Pkcs11KeyException($"PKCS#11 token '{uri.Token}' holds {found.Count} EC {what}s {Name(uri)}: name one by its id"),
        };
    }

    private static string Name(Pkcs11Uri uri)
        => (uri.ObjectLabel is null ? "" : $"labelled '{uri.ObjectLabel}'")
            + (uri.ObjectLabel is not null && uri.Id is not null ? " " : "")
            + (uri.Id is null ? "" : $"with id {Convert.ToHexStringLower(uri.Id)}");

    // CKA_EC_POINT is the point in a DER OCTET STRING (PKCS#11 2.40); some modules return the bare point.
    private static byte[] Uncompressed(Pkcs11Uri uri, byte[] point)
    {
        if (point.Length == 67 && point[0] == 0x04 && point[1] == 0x41 && point[2] == 0x04)
        {
            return point[2..];
        }

        return point.Length == 65 && point[0] == 0x04
            ? point
            : throw new Pkcs11KeyException($"{uri.Describe()}: its public point is not an uncompressed 256-bit point");
    }
}
