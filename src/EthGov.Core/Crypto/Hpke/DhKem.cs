using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// DHKEM(P-256, HKDF-SHA256), RFC 9180 §4.1: the sender makes an ephemeral key pair, the Diffie-Hellman
/// result of it with the recipient's key is hashed together with both public keys into the shared secret,
/// and the ephemeral public key travels as <c>enc</c>. Hashing both public keys in makes the secret
/// specific to this recipient and this encapsulation, which ECIES variants without it lacked.
/// </summary>
internal static class DhKem
{
    /// <summary>Nsecret: the shared secret is one SHA-256 output.</summary>
    public const int SharedSecretLength = 32;

    // suite_id = concat("KEM", I2OSP(kem_id, 2)): the KEM's own derivations do not depend on the AEAD.
    private static ReadOnlySpan<byte> SuiteId => [(byte)'K', (byte)'E', (byte)'M', 0x00, 0x10];

    /// <summary>RFC 9180 §7.1.3 DeriveKeyPair for P-256: rejection sampling until a candidate is in [1, n - 1].</summary>
    public static byte[] DeriveScalar(ReadOnlySpan<byte> ikm)
    {
        var prk = LabeledKdf.Extract(SuiteId, [], "dkp_prk"u8, ikm);
        try
        {
            for (int counter = 0; counter <= 255; counter++)
            {
                // bitmask is 0xFF for P-256, so the candidate's first byte is kept as it is.
                var candidate = LabeledKdf.Expand(SuiteId, prk, "candidate"u8, [(byte)counter], P256.ScalarLength);
                if (P256.IsValidScalar(candidate))
                {
                    return candidate;
                }

                CryptographicOperations.ZeroMemory(candidate);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }

        throw new CryptographicException("DeriveKeyPair found no P-256 scalar in 256 candidates.");
    }

    /// <summary>Encap(pkR) with a fresh ephemeral key.</summary>
    public static (byte[] SharedSecret, byte[] Enc) Encap(HpkePublicKey recipient)
    {
        using var ephemeral = HpkePrivateKey.Generate();
        return Encap(recipient, ephemeral);
    }

    /// <summary>Encap(pkR) with a given ephemeral key: the RFC's test vectors fix it through ikmE.</summary>
    public static (byte[] SharedSecret, byte[] Enc) Encap(HpkePublicKey recipient, HpkePrivateKey ephemeral)
    {
        var dh = Dh(ephemeral, recipient.AgreementKey);
        var enc = ephemeral.PublicKey.ToArray();
        var sharedSecret = ExtractAndExpand(dh, enc, recipient.Encoded);
        return (sharedSecret, enc);
    }

    /// <summary>Decap(enc, skR).</summary>
    /// <exception cref="HpkeInvalidKeyException"><paramref name="enc"/> is not a valid P-256 public key, or the DH result is zero.</exception>
    public static byte[] Decap(ReadOnlySpan<byte> enc, HpkePrivateKey recipient)
    {
        var ephemeral = HpkePublicKey.FromBytes(enc);

        // A one-time key: imported for this agreement only.
        using var peer = ephemeral.ToEcdh();
        using var peerPublic = peer.PublicKey;
        var dh = Dh(recipient, peerPublic);
        return ExtractAndExpand(dh, ephemeral.Encoded, recipient.PublicKey.Encoded);
    }

    // DH(sk, pk): the x-coordinate of sk * pk, 32 bytes (Ndh).
    private static byte[] Dh(HpkePrivateKey privateKey, ECDiffieHellmanPublicKey publicKey)
    {
        var dh = privateKey.Ecdh.DeriveRawSecretAgreement(publicKey);

        // With both keys valid the product is never infinity, but its x-coordinate can be 0: (0, y) is on
        // P-256. A zero secret would be known to anyone, so it is refused like an invalid key.
        if (!dh.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new HpkeInvalidKeyException(HpkeKeyProblem.ZeroSharedSecret, "The Diffie-Hellman shared secret is zero; the key is refused.");
        }

        return dh;
    }

    // ExtractAndExpand(dh, kem_context) with kem_context = concat(enc, pkRm).
    private static byte[] ExtractAndExpand(byte[] dh, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> recipient)
    {
        var kemContext = new byte[enc.Length + recipient.Length];
        enc.CopyTo(kemContext);
        recipient.CopyTo(kemContext.AsSpan(enc.Length));

        var prk = LabeledKdf.Extract(SuiteId, [], "eae_prk"u8, dh);
        CryptographicOperations.ZeroMemory(dh);
        var sharedSecret = LabeledKdf.Expand(SuiteId, prk, "shared_secret"u8, kemContext, SharedSecretLength);
        CryptographicOperations.ZeroMemory(prk);
        return sharedSecret;
    }
}
