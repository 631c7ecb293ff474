namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// The AEAD algorithms this HPKE implementation offers, valued as their RFC 9180 identifiers
/// (Table 5), so the value can be written into a message header as it is.
/// </summary>
public enum HpkeAead : ushort
{
    /// <summary>AES-128-GCM: 16-byte key, 12-byte nonce, 16-byte tag.</summary>
    Aes128Gcm = 0x0001,

    /// <summary>AES-256-GCM: 32-byte key, 12-byte nonce, 16-byte tag.</summary>
    Aes256Gcm = 0x0002,
}
