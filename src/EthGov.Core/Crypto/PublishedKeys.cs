using System.Collections.Concurrent;
using System.Security.Cryptography;
using EthGov.Core.Crypto.Hpke;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Crypto;

/// <summary>
/// The node keys departments publish on chain, imported once per published value and shared: a node checks the same
/// peer's signature and encrypts to the same peer's key on every exchange, and an import costs about twice a signature
/// check (OpenSSL checks the point's order as it imports it: about 115 µs against 60 µs measured here).
/// </summary>
/// <remarks>
/// Keyed by the published bytes, so a key a department replaces on chain is simply another entry; the old one stays until
/// the cache is emptied at <see cref="MaxEntries"/> (a network has tens of departments, each with one key of each kind).
/// The keys are public and only used to verify and to agree on a key, which OpenSSL does without changing them, so one
/// instance serves concurrent requests. Nothing here is ever disposed: the entries live as long as the process.
/// </remarks>
public static class PublishedKeys
{
    /// <summary>Entries kept of each kind before the cache starts again from empty.</summary>
    public const int MaxEntries = 1024;

    private static readonly ConcurrentDictionary<string, ECDsa?> s_signing = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, HpkePublicKey?> s_encryption = new(StringComparer.Ordinal);

    /// <summary>
    /// The P-256 signing key published as <paramref name="point"/> (x || y, or 0x04 || x || y), or null when the bytes are no
    /// P-256 point (as <see cref="EcdsaP256Sha256.TryImportPublicKey"/>). Callers must not dispose it.
    /// </summary>
    public static ECDsa? Signing(ReadOnlySpan<byte> point)
        => Get(s_signing, point, static bytes => EcdsaP256Sha256.TryImportPublicKey(bytes));

    /// <summary>
    /// The HPKE key published as <paramref name="point"/> (x || y, without the 0x04 the RFC's encoding starts with), or
    /// null when the bytes are no valid P-256 public key.
    /// </summary>
    public static HpkePublicKey? Encryption(ReadOnlySpan<byte> point)
        => Get(s_encryption, point, static bytes =>
        {
            try
            {
                return HpkePublicKey.FromBytes([0x04, .. bytes]);
            }
            catch (HpkeInvalidKeyException)
            {
                return null;
            }
        });

    private static T? Get<T>(ConcurrentDictionary<string, T?> cache, ReadOnlySpan<byte> point, Func<byte[], T?> import)
        where T : class
    {
        var name = Convert.ToHexString(point);
        if (cache.TryGetValue(name, out var known))
        {
            return known;
        }

        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(name, import(point.ToArray()));
    }
}
