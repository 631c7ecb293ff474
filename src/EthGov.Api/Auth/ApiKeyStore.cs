using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EthGov.Api.Storage;

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

    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

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
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 128)
        {
            return null;
        }

        var hash = Hash(key);
        var hashText = Convert.ToHexString(hash);
        if (_known.TryGetValue(hashText, out var cached))
        {
            return cached;
        }

        await using var connection = database.Open();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT department FROM api_keys WHERE key_hash = $hash AND revoked = 0";
        select.Parameters.AddWithValue("$hash", hash);
        if (await select.ExecuteScalarAsync(cancellationToken) is not string department)
        {
            return null;
        }

        _known[hashText] = department;
        return department;
    }

    /// <summary>A short, non-secret name of a key for logs and rate-limit partitions.</summary>
    public static string KeyId(string key) => Convert.ToHexString(Hash(key).AsSpan(0, 8));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
