using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// RFC 9180 §5.1 KeySchedule for mode_base: turns the KEM's shared secret and the application's info into
/// the AEAD key, the base nonce and the exporter secret. Every output depends on the whole suite_id, the
/// mode and a hash of info, so a message sealed under one info or suite cannot be opened under another.
/// </summary>
internal sealed class KeySchedule : IDisposable
{
    /// <summary>mode_base (RFC 9180 Table 1): no pre-shared key, no sender key.</summary>
    public const byte ModeBase = 0x00;

    private KeySchedule(byte[] context, byte[] secret, byte[] key, byte[] baseNonce, byte[] exporterSecret)
    {
        Context = context;
        Secret = secret;
        Key = key;
        BaseNonce = baseNonce;
        ExporterSecret = exporterSecret;
    }

    /// <summary>key_schedule_context = concat(mode, psk_id_hash, info_hash).</summary>
    public byte[] Context { get; }

    /// <summary>The secret the three outputs are expanded from.</summary>
    public byte[] Secret { get; }

    /// <summary>The AEAD key, Nk bytes.</summary>
    public byte[] Key { get; }

    /// <summary>The nonce of sequence number 0, Nn bytes.</summary>
    public byte[] BaseNonce { get; }

    /// <summary>The secret that Export expands, Nh bytes.</summary>
    public byte[] ExporterSecret { get; }

    /// <summary>KeySchedule(mode_base, shared_secret, info, default_psk, default_psk_id).</summary>
    public static KeySchedule DeriveBase(HpkeSuite suite, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info)
    {
        var suiteId = suite.SuiteId;

        // In mode_base psk and psk_id are both the empty default, so VerifyPSKInputs holds by construction.
        var pskIdHash = LabeledKdf.Extract(suiteId, [], "psk_id_hash"u8, []);
        var infoHash = LabeledKdf.Extract(suiteId, [], "info_hash"u8, info);

        var context = new byte[1 + pskIdHash.Length + infoHash.Length];
        context[0] = ModeBase;
        pskIdHash.CopyTo(context, 1);
        infoHash.CopyTo(context, 1 + pskIdHash.Length);

        var secret = LabeledKdf.Extract(suiteId, sharedSecret, "secret"u8, []);
        var key = LabeledKdf.Expand(suiteId, secret, "key"u8, context, suite.KeyLength);
        var baseNonce = LabeledKdf.Expand(suiteId, secret, "base_nonce"u8, context, HpkeSuite.NonceLength);
        var exporterSecret = LabeledKdf.Expand(suiteId, secret, "exp"u8, context, HpkeSuite.HashLength);
        return new KeySchedule(context, secret, key, baseNonce, exporterSecret);
    }

    /// <summary>Wipes the secrets: a context keeps its own copies, the schedule is only a step.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Secret);
        CryptographicOperations.ZeroMemory(Key);
        CryptographicOperations.ZeroMemory(BaseNonce);
        CryptographicOperations.ZeroMemory(ExporterSecret);
    }
}
