namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// The sender's side of an HPKE context (RFC 9180 ContextS), made by <see cref="HpkeBaseMode.SetupBaseS(HpkeSuite, HpkePublicKey, ReadOnlySpan{byte})"/>: it seals
/// messages in order, and the recipient must open them in the same order.
/// </summary>
public sealed class HpkeSenderContext : HpkeContext
{
    private readonly byte[] _encapsulatedKey;

    internal HpkeSenderContext(HpkeSuite suite, KeySchedule schedule, byte[] encapsulatedKey, ulong sequenceNumber = 0)
        : base(suite, schedule, sequenceNumber) => _encapsulatedKey = encapsulatedKey;

    /// <summary>enc: the 65-byte ephemeral public key the recipient needs to set up its side.</summary>
    public ReadOnlyMemory<byte> EncapsulatedKey => _encapsulatedKey;

    /// <summary>ContextS.Seal: encrypts <paramref name="plaintext"/> under the next sequence number.</summary>
    /// <returns>The ciphertext and its 16-byte tag, <see cref="HpkeSuite.TagLength"/> bytes longer than the plaintext.</returns>
    /// <exception cref="HpkeMessageLimitException">The context has no sequence number left.</exception>
    public byte[] Seal(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext) => SealNext(aad, plaintext);
}
