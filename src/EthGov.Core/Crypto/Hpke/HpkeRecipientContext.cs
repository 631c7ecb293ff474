namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// The recipient's side of an HPKE context (RFC 9180 ContextR), made by <see cref="HpkeBaseMode.SetupBaseR"/>: it opens
/// messages in the order they were sealed. A ciphertext that opened once cannot open again in the same
/// context, because the sequence number has moved on.
/// </summary>
public sealed class HpkeRecipientContext : HpkeContext
{
    internal HpkeRecipientContext(HpkeSuite suite, KeySchedule schedule, ulong sequenceNumber = 0)
        : base(suite, schedule, sequenceNumber)
    {
    }

    /// <summary>ContextR.Open: decrypts <paramref name="ciphertext"/> under the next sequence number.</summary>
    /// <exception cref="HpkeOpenException">The ciphertext does not open; the sequence number stays where it was.</exception>
    /// <exception cref="HpkeMessageLimitException">The context has no sequence number left.</exception>
    public byte[] Open(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext) => OpenNext(aad, ciphertext);
}
