using System.Buffers.Binary;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// An HPKE ciphersuite (RFC 9180 §4): the KEM is always DHKEM(P-256, HKDF-SHA256) and the KDF always
/// HKDF-SHA256, because department nodes publish P-256 keys and .NET has both natively; only the AEAD
/// varies. The suite's identifiers go into every key derivation, so both sides must pick the same one.
/// </summary>
public sealed class HpkeSuite
{
    /// <summary>KEM identifier of DHKEM(P-256, HKDF-SHA256) (RFC 9180 Table 2).</summary>
    public const ushort KemId = 0x0010;

    /// <summary>KDF identifier of HKDF-SHA256 (RFC 9180 Table 3).</summary>
    public const ushort KdfId = 0x0001;

    /// <summary>Length of an AES-GCM nonce (Nn).</summary>
    internal const int NonceLength = 12;

    /// <summary>Length of an AES-GCM tag (Nt): a ciphertext is this much longer than its plaintext.</summary>
    public const int TagLength = 16;

    /// <summary>Output length of HKDF-SHA256's Extract (Nh).</summary>
    internal const int HashLength = 32;

    private readonly byte[] _suiteId;

    private HpkeSuite(HpkeAead aead, int keyLength)
    {
        Aead = aead;
        KeyLength = keyLength;

        // suite_id = concat("HPKE", I2OSP(kem_id, 2), I2OSP(kdf_id, 2), I2OSP(aead_id, 2)), RFC 9180 §5.1.
        _suiteId = new byte[10];
        "HPKE"u8.CopyTo(_suiteId);
        BinaryPrimitives.WriteUInt16BigEndian(_suiteId.AsSpan(4), KemId);
        BinaryPrimitives.WriteUInt16BigEndian(_suiteId.AsSpan(6), KdfId);
        BinaryPrimitives.WriteUInt16BigEndian(_suiteId.AsSpan(8), (ushort)aead);
    }

    /// <summary>DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM: the suite of RFC 9180 Appendix A.3.</summary>
    public static HpkeSuite P256Sha256Aes128Gcm { get; } = new(HpkeAead.Aes128Gcm, 16);

    /// <summary>DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.</summary>
    public static HpkeSuite P256Sha256Aes256Gcm { get; } = new(HpkeAead.Aes256Gcm, 32);

    /// <summary>The AEAD of this suite; its value is the RFC 9180 AEAD identifier.</summary>
    public HpkeAead Aead { get; }

    /// <summary>Length of the AEAD key (Nk) in bytes.</summary>
    public int KeyLength { get; }

    /// <summary>The suite_id that the key schedule mixes into every derivation.</summary>
    internal ReadOnlySpan<byte> SuiteId => _suiteId;

    /// <inheritdoc />
    public override string ToString() => $"DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, {(Aead == HpkeAead.Aes128Gcm ? "AES-128-GCM" : "AES-256-GCM")}";
}
