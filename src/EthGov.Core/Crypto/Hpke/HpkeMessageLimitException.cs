using System.Security.Cryptography;

namespace EthGov.Core.Crypto.Hpke;

/// <summary>
/// A context has used every sequence number it has (RFC 9180's MessageLimitReachedError): going on would
/// reuse an AES-GCM nonce. Set up a new context.
/// </summary>
public sealed class HpkeMessageLimitException(string message) : CryptographicException(message);
