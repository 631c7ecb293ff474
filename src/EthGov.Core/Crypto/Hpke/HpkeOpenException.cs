using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// A ciphertext did not open (RFC 9180's OpenError): it was altered, or it was sealed for another key,
/// another info, another aad or another sequence number. HPKE cannot tell these apart, by design.
/// </summary>
public sealed class HpkeOpenException(string message, Exception? inner = null) : CryptographicException(message, inner);
