using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Digests;

namespace EthGov.Application.ApiKeys;

/// <summary>
/// The secret of an API key: <see cref="ApiKeyStore.Prefix"/> and 32 random bytes in base64url, shown once; only
/// its SHA-256 hash is stored. A plain hash suffices (no slow password hash) because the secret is random, not chosen.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>The longest text taken for a key; anything longer is refused before hashing.</summary>
    public const int MaxLength = 128;

    /// <summary>A new random secret.</summary>
    public static string New() => ApiKeyStore.Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored hash of <paramref name="secret"/>.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// The hash of <paramref name="secret"/> as a digest, without allocating; false for text that cannot be a key
    /// (wrong prefix, too long), which is then not hashed at all.
    /// </summary>
    public static bool TryHash(string secret, out Digest hash)
    {
        if (!secret.StartsWith(ApiKeyStore.Prefix, StringComparison.Ordinal) || secret.Length > MaxLength)
        {
            hash = default;
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], bytes);
        hash = new Digest(bytes);
        return true;
    }
}
