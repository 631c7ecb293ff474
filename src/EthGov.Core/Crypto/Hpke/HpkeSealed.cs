namespace EthGov.Core.Crypto.Hpke;

/// <summary>What single-shot <see cref="HpkeBaseMode.Seal"/> gives: both parts must reach the recipient.</summary>
/// <remarks>A class, not a record: a record's equality would compare the arrays by reference.</remarks>
public sealed class HpkeSealed(byte[] encapsulatedKey, byte[] ciphertext)
{
    /// <summary>enc, the sender's 65-byte ephemeral public key.</summary>
    public byte[] EncapsulatedKey { get; } = encapsulatedKey;

    /// <summary>The AEAD ciphertext with its 16-byte tag at the end.</summary>
    public byte[] Ciphertext { get; } = ciphertext;
}
