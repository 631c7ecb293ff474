using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// What a sender and a recipient share after setup (RFC 9180 §5.2 and §5.3): the AEAD key, the base nonce,
/// the sequence number and the exporter secret. The sequence number is kept here and never passed in, so
/// no caller can make a nonce be used twice; a context is therefore not safe for concurrent use. Export is
/// stateless and may be called at any time.
/// </summary>
public abstract class HpkeContext : IDisposable
{
    private readonly AesGcm _aead;
    private readonly byte[] _baseNonce;
    private readonly byte[] _exporterSecret;
    private bool _disposed;

    private protected HpkeContext(HpkeSuite suite, KeySchedule schedule, ulong sequenceNumber)
    {
        Suite = suite;
        _aead = new AesGcm(schedule.Key, HpkeSuite.TagLength);
        _baseNonce = schedule.BaseNonce.ToArray();
        _exporterSecret = schedule.ExporterSecret.ToArray();
        SequenceNumber = sequenceNumber;
    }

    /// <summary>The ciphersuite the context was set up with.</summary>
    public HpkeSuite Suite { get; }

    /// <summary>The sequence number the next Seal or Open uses; it starts at 0 and only goes up.</summary>
    public ulong SequenceNumber { get; private set; }

    /// <summary>
    /// RFC 9180 §5.3 Export: a secret of <paramref name="length"/> bytes bound to this context and to
    /// <paramref name="exporterContext"/>, known only to the two ends.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not in [1, 255 × 32].</exception>
    public byte[] Export(ReadOnlySpan<byte> exporterContext, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return LabeledKdf.Expand(Suite.SuiteId, _exporterSecret, "sec"u8, exporterContext, length);
    }

    /// <summary>ComputeNonce(seq) = xor(base_nonce, I2OSP(seq, Nn)); a 64-bit seq touches only the last 8 bytes.</summary>
    internal void ComputeNonce(ulong sequenceNumber, Span<byte> nonce)
    {
        _baseNonce.CopyTo(nonce);
        var tail = nonce[(HpkeSuite.NonceLength - sizeof(ulong))..];
        BinaryPrimitives.WriteUInt64BigEndian(tail, BinaryPrimitives.ReadUInt64BigEndian(tail) ^ sequenceNumber);
    }

    /// <summary>Encrypts with the current sequence number, then advances it.</summary>
    private protected byte[] SealNext(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfExhausted();

        Span<byte> nonce = stackalloc byte[HpkeSuite.NonceLength];
        ComputeNonce(SequenceNumber, nonce);
        var ciphertext = new byte[plaintext.Length + HpkeSuite.TagLength];
        _aead.Encrypt(nonce, plaintext, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), aad);
        SequenceNumber++;
        return ciphertext;
    }

    /// <summary>Decrypts with the current sequence number and advances it only on success (RFC 9180 ContextR.Open).</summary>
    private protected byte[] OpenNext(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfExhausted();
        if (ciphertext.Length < HpkeSuite.TagLength)
        {
            throw new HpkeOpenException($"The ciphertext is {ciphertext.Length} bytes, shorter than the {HpkeSuite.TagLength}-byte tag.");
        }

        Span<byte> nonce = stackalloc byte[HpkeSuite.NonceLength];
        ComputeNonce(SequenceNumber, nonce);
        int length = ciphertext.Length - HpkeSuite.TagLength;
        var plaintext = new byte[length];
        try
        {
            _aead.Decrypt(nonce, ciphertext[..length], ciphertext[length..], plaintext, aad);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new HpkeOpenException($"The ciphertext at sequence number {SequenceNumber} does not open: altered, or sealed for another key, info or aad.", e);
        }

        SequenceNumber++;
        return plaintext;
    }

    // RFC 9180 §5.2 fails at 2^96 - 1; a 64-bit counter (allowed there) stops at 2^64 - 1 instead, never wrapping.
    private void ThrowIfExhausted()
    {
        if (SequenceNumber == ulong.MaxValue)
        {
            throw new HpkeMessageLimitException("This HPKE context has used all its sequence numbers; set up a new one.");
        }
    }

    /// <summary>Releases the AES-GCM key and wipes the nonce and exporter secret.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _aead.Dispose();
        CryptographicOperations.ZeroMemory(_baseNonce);
        CryptographicOperations.ZeroMemory(_exporterSecret);
        GC.SuppressFinalize(this);
    }
}
