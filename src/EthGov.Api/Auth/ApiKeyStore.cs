using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EthGov.Api.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.Auth;

/// <summary>
/// Department API keys: 32 random bytes shown once at creation, stored only as their SHA-256 hash, each bound
/// to one department code. <see cref="CreateAsync(string, string, CancellationToken)"/> is what
/// <c>ethgov apikey create</c> calls against the API's data directory.
/// </summary>
public sealed class ApiKeyStore(Database database)
{
    /// <summary>Every key starts with this, so a leaked key is easy to recognize in a scan.</summary>
    public const string Prefix = "egk_";

    // Known keys by their hash (a 32-byte value, so the lookup allocates nothing): department and key id.
    private readonly ConcurrentDictionary<Digest, KnownKey> _known = new();

    /// <summary>Creates a key for <paramref name="departmentCode"/> in the database under <paramref name="dataDirectory"/>; returns the key, which is not stored.</summary>
    public static Task<string> CreateAsync(string dataDirectory, string departmentCode, CancellationToken cancellationToken = default)
        => new ApiKeyStore(new Database(dataDirectory)).CreateAsync(departmentCode, cancellationToken);

    /// <summary>Creates a key for <paramref name="departmentCode"/>; returns the key, which is not stored.</summary>
    public async Task<string> CreateAsync(string departmentCode, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(departmentCode))
        {
            throw new ArgumentException("a department code is required", nameof(departmentCode));
        }

        database.EnsureCreated();
        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = database.Open();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO api_keys (key_hash, department, created_at) VALUES ($hash, $department, $createdAt)";
        insert.Parameters.AddWithValue("$hash", Hash(key));
        insert.Parameters.AddWithValue("$department", departmentCode.ToUpperInvariant());
        insert.Parameters.AddWithValue("$createdAt", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    /// <summary>The department code <paramref name="key"/> acts for, or null when the key is unknown or revoked.</summary>
    public async Task<string?> FindDepartmentAsync(string key, CancellationToken cancellationToken = default)
        => (await FindAsync(key, cancellationToken))?.Department;

    /// <summary>
    /// The department and key id of <paramref name="key"/>, or null when the key is unknown or revoked. The key is
    /// hashed once; a key seen before is answered from memory without touching the database.
    /// </summary>
    public ValueTask<KnownKey?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 128)
        {
            return ValueTask.FromResult<KnownKey?>(null);
        }

        Span<byte> utf8 = stackalloc byte[128 * 3];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], hash);
        var digest = new Digest(hash);
        return _known.TryGetValue(digest, out var cached)
            ? ValueTask.FromResult<KnownKey?>(cached)
            : LookUpAsync(digest, hash.ToArray(), cancellationToken);
    }

    private async ValueTask<KnownKey?> LookUpAsync(Digest digest, byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT department FROM api_keys WHERE key_hash = $hash AND revoked = 0";
        select.Parameters.AddWithValue("$hash", hash);
        if (await select.ExecuteScalarAsync(cancellationToken) is not string department)
        {
            return null;
        }

        var known = new KnownKey(department, Convert.ToHexString(hash, 0, 8));
        _known[digest] = known;
        return known;
    }

    /// <summary>A short, non-secret name of a key for logs and rate-limit partitions.</summary>
    public static string KeyId(string key) => Convert.ToHexString(Hash(key).AsSpan(0, 8));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A key found in the store: the department it acts for and its non-secret id.</summary>
/// <param name="Department">The department code.</param>
/// <param name="KeyId">The first 8 bytes of the key's hash in hex, as <see cref="ApiKeyStore.KeyId"/> gives.</param>
public sealed record KnownKey(string Department, string KeyId);
