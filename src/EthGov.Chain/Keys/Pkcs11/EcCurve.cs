namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>The two elliptic curves EthGov keeps keys on, as PKCS#11 names them (CKA_EC_PARAMS: the curve's OID in DER).</summary>
public sealed record EcCurve(string Name, byte[] OidDer)
{
    /// <summary>secp256k1 (OID 1.3.132.0.10): signer keys, which sign transactions and EIP-712 messages.</summary>
    public static EcCurve Secp256k1 { get; } = new("secp256k1", [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a]);

    /// <summary>P-256 (OID 1.2.840.10045.3.1.7): node keys, which sign node-to-node requests and open HPKE content.</summary>
    public static EcCurve P256 { get; } = new("P-256", [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);

    /// <summary>Whether <paramref name="ecParams"/> (a key's CKA_EC_PARAMS) names this curve.</summary>
    public bool Matches(ReadOnlySpan<byte> ecParams) => ecParams.SequenceEqual(OidDer);
}
