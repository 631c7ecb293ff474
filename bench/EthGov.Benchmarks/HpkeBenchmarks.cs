using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Benchmarks;

/// <summary>
/// HPKE (RFC 9180) of a 1 KiB record as a node sends it to another: single-shot seal (ephemeral key pair,
/// two hashes of the key schedule, AES-256-GCM), open (one Diffie-Hellman), a release in a session (the key exported
/// for its entry and log, then AES-256-GCM: what a holder and a grantee do per release), and the symmetric part alone.
/// </summary>
public class HpkeBenchmarks
{
    private static readonly HpkeSuite s_suite = HpkeSuite.P256Sha256Aes256Gcm;
    private readonly byte[] _info = "grant 41 / access log 7"u8.ToArray();
    private readonly byte[] _aad = "record 0xabc"u8.ToArray();
    private HpkePrivateKey _recipient = null!;
    private byte[] _plaintext = [];
    private HpkeSealed _sealed = null!;
    private HpkeSenderContext _context = null!;
    private readonly ReleaseSenderSessions _senders = new();
    private readonly ReleaseRecipientSessions _recipients = new();
    private readonly AccessEntry _entry = new(
        31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", 41, new Digest(RandomNumberGenerator.GetBytes(32)), 1, 2,
        new Digest(RandomNumberGenerator.GetBytes(32)), Digest.Zero);
    private readonly Digest _logRoot = new(RandomNumberGenerator.GetBytes(32));
    private HpkeSealed _release = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recipient = HpkePrivateKey.Generate();
        _plaintext = RandomNumberGenerator.GetBytes(1024);
        _sealed = HpkeBaseMode.Seal(s_suite, _recipient.PublicKey, _info, _aad, _plaintext);
        _context = HpkeBaseMode.SetupBaseS(s_suite, _recipient.PublicKey, _info);
        _release = _senders.Seal(_recipient.PublicKey, _entry, _logRoot, _plaintext);
        if (!HpkeBaseMode.Open(s_suite, _sealed.EncapsulatedKey, _recipient, _info, _aad, _sealed.Ciphertext).AsSpan().SequenceEqual(_plaintext)
            || !_recipients.Open(_recipient, _entry, _logRoot, _release.EncapsulatedKey, _release.Ciphertext).AsSpan().SequenceEqual(_plaintext))
        {
            throw new InvalidOperationException("the sealed record must open to itself");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _recipient.Dispose();
    }

    [Benchmark(Description = "hpke: seal 1 KiB (single-shot)")]
    public HpkeSealed Seal() => HpkeBaseMode.Seal(s_suite, _recipient.PublicKey, _info, _aad, _plaintext);

    [Benchmark(Description = "hpke: open 1 KiB (single-shot)")]
    public byte[] Open() => HpkeBaseMode.Open(s_suite, _sealed.EncapsulatedKey, _recipient, _info, _aad, _sealed.Ciphertext);

    [Benchmark(Description = "hpke: seal + open 1 KiB")]
    public byte[] SealAndOpen()
    {
        var sealedRecord = HpkeBaseMode.Seal(s_suite, _recipient.PublicKey, _info, _aad, _plaintext);
        return HpkeBaseMode.Open(s_suite, sealedRecord.EncapsulatedKey, _recipient, _info, _aad, sealedRecord.Ciphertext);
    }

    [Benchmark(Description = "release: seal 1 KiB in a session (export + AES-256-GCM)")]
    public HpkeSealed SessionSeal() => _senders.Seal(_recipient.PublicKey, _entry, _logRoot, _plaintext);

    [Benchmark(Description = "release: open 1 KiB in a session (export + AES-256-GCM)")]
    public byte[] SessionOpen() => _recipients.Open(_recipient, _entry, _logRoot, _release.EncapsulatedKey, _release.Ciphertext);

    [Benchmark(Description = "hpke: context seal 1 KiB (AES-256-GCM only)")]
    public byte[] ContextSeal() => _context.Seal(_aad, _plaintext);
}
