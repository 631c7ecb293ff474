using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// Hybrid Public Key Encryption, RFC 9180, base mode (mode_base): encryption to the holder of a P-256
/// private key, with no sender authentication (nodes sign their requests separately). Built only from
/// .NET's ECDiffieHellman, HKDF and AesGcm, and checked against the RFC's test vectors.
/// </summary>
/// <remarks>
/// <para><c>info</c> binds the whole context, <c>aad</c> one message. Put in <c>info</c> everything that
/// says what the content is for, such as the grant and the access log entry of an exchange: a ciphertext
/// sealed under one info does not open under any other, so content released for one grant cannot be
/// passed off as released for another.</para>
/// <para>HPKE does not stop a whole message from being replayed to the recipient; the caller's protocol must
/// (for the exchange, one log, one release).</para>
/// </remarks>
public static class HpkeBaseMode
{
    /// <summary>SetupBaseS(pkR, info): encapsulates a fresh shared secret to <paramref name="recipient"/>.</summary>
    /// <returns>The sender context; send its <see cref="HpkeSenderContext.EncapsulatedKey"/> with the ciphertexts.</returns>
    public static HpkeSenderContext SetupBaseS(HpkeSuite suite, HpkePublicKey recipient, ReadOnlySpan<byte> info)
    {
        using var ephemeral = HpkePrivateKey.Generate();
        return SetupBaseS(suite, recipient, info, ephemeral);
    }

    /// <summary>SetupBaseS with a given ephemeral key, so the RFC's vectors (which fix it by ikmE) can be reproduced.</summary>
    internal static HpkeSenderContext SetupBaseS(HpkeSuite suite, HpkePublicKey recipient, ReadOnlySpan<byte> info, HpkePrivateKey ephemeral)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(recipient);
        var (sharedSecret, enc) = DhKem.Encap(recipient, ephemeral);
        using var schedule = KeySchedule.DeriveBase(suite, sharedSecret, info);
        CryptographicOperations.ZeroMemory(sharedSecret);
        return new HpkeSenderContext(suite, schedule, enc);
    }

    /// <summary>SetupBaseR(enc, skR, info): recovers the sender's shared secret from <paramref name="encapsulatedKey"/>.</summary>
    /// <exception cref="HpkeInvalidKeyException"><paramref name="encapsulatedKey"/> is not a valid P-256 public key.</exception>
    public static HpkeRecipientContext SetupBaseR(HpkeSuite suite, ReadOnlySpan<byte> encapsulatedKey, HpkePrivateKey recipient, ReadOnlySpan<byte> info)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(recipient);
        var sharedSecret = DhKem.Decap(encapsulatedKey, recipient);
        using var schedule = KeySchedule.DeriveBase(suite, sharedSecret, info);
        CryptographicOperations.ZeroMemory(sharedSecret);
        return new HpkeRecipientContext(suite, schedule);
    }

    /// <summary>Single-shot SealBase(pkR, info, aad, pt): one message, one fresh context.</summary>
    public static HpkeSealed Seal(HpkeSuite suite, HpkePublicKey recipient, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
    {
        using var context = SetupBaseS(suite, recipient, info);
        var ciphertext = context.Seal(aad, plaintext);
        return new HpkeSealed(context.EncapsulatedKey.ToArray(), ciphertext);
    }

    /// <summary>Single-shot OpenBase(enc, skR, info, aad, ct).</summary>
    /// <exception cref="HpkeInvalidKeyException"><paramref name="encapsulatedKey"/> is not a valid P-256 public key.</exception>
    /// <exception cref="HpkeOpenException">The ciphertext does not open with this key, info and aad.</exception>
    public static byte[] Open(HpkeSuite suite, ReadOnlySpan<byte> encapsulatedKey, HpkePrivateKey recipient, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        using var context = SetupBaseR(suite, encapsulatedKey, recipient, info);
        return context.Open(aad, ciphertext);
    }
}
