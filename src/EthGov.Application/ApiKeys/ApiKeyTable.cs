using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Application.ApiKeys;

/// <summary>
/// The <c>api_keys</c> table: what <c>ethgov apikey create|list|revoke|rotate</c> change while the API runs, and what
/// the API's <see cref="ApiKeyStore"/> reads. Every change to a key's secret, department, scopes or revocation bumps
/// the counter in <c>api_key_changes</c> (a trigger, so no writer can forget it); the API polls that one row.
/// Writes wait for the API's own commits through SQLite's busy timeout (WAL: readers never wait).
/// </summary>
public sealed class ApiKeyTable(Database database)
{
    private const string Columns = "id, department, scopes, created_at, rotated_at, last_used_at, revoked, revoked_at";

    /// <summary>The table in the SQLite database under <paramref name="dataDirectory"/>, created when missing.</summary>
    public static ApiKeyTable Create(string dataDirectory) => Create(new Database(dataDirectory));

    /// <summary>The table in <paramref name="database"/>, created when missing.</summary>
    public static ApiKeyTable Create(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.EnsureCreated();
        return new ApiKeyTable(database);
    }

    /// <summary>The table in <paramref name="database"/>, which a node must have made already.</summary>
    /// <exception cref="FileNotFoundException">There is no EthGov store there (a mistyped data directory or connection string, most likely).</exception>
    public static ApiKeyTable OpenExisting(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.Exists())
        {
            throw new FileNotFoundException($"no EthGov database at {database.Describe()}: give the API's data directory (EthGov:DataDirectory) and store (EthGov:Storage)", database.Path);
        }

        return Create(database);
    }

    /// <summary>Creates a key for <paramref name="department"/> with <paramref name="scopes"/>; returns it with its secret, which is not stored.</summary>
    public async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(string department, ApiKeyScopes scopes, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(department))
        {
            throw new ArgumentException("a department code is required", nameof(department));
        }

        if (scopes == ApiKeyScopes.None || (scopes & ~ApiKeyScopeNames.All) != 0)
        {
            throw new ArgumentException($"a key needs at least one of the scopes {string.Join(", ", ApiKeyScopeNames.Known)}", nameof(scopes));
        }

        var secret = ApiKeySecret.New();
        await using var connection = database.Connect();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO api_keys (key_hash, department, scopes, created_at) VALUES (@hash, @department, @scopes, @now) RETURNING {Columns}";
        insert.Parameters.AddWithValue("@hash", ApiKeySecret.Hash(secret));
        insert.Parameters.AddWithValue("@department", department.Trim().ToUpperInvariant());
        insert.Parameters.AddWithValue("@scopes", ApiKeyScopeNames.Format(scopes));
        insert.Parameters.AddWithValue("@now", Now());
        var created = await ReadOneAsync(insert, cancellationToken);
        return (created!, secret);
    }

    /// <summary>Every key, oldest first, revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY id";
        var keys = new List<ApiKeyInfo>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Key <paramref name="id"/>, or null when there is none.</summary>
    public async Task<ApiKeyInfo?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        return await GetAsync(connection, id, cancellationToken);
    }

    /// <summary>
    /// Revokes key <paramref name="id"/> for good. Returns the key (null when there is none) and whether this call
    /// revoked it (false when it already was).
    /// </summary>
    public async Task<(ApiKeyInfo? Key, bool Revoked)> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE api_keys SET revoked = 1, revoked_at = @now WHERE id = @id AND revoked = 0 RETURNING {Columns}";
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@now", Now());
        return await ReadOneAsync(update, cancellationToken) is { } revoked
            ? (revoked, true)
            : (await GetAsync(connection, id, cancellationToken), false);
    }

    /// <summary>
    /// Gives key <paramref name="id"/> a new secret, keeping its id, department and scopes; the old secret stops
    /// working at once. Returns the key (null when there is none) and the new secret (null when the key is revoked).
    /// </summary>
    public async Task<(ApiKeyInfo? Key, string? Secret)> RotateAsync(long id, CancellationToken cancellationToken = default)
    {
        var secret = ApiKeySecret.New();
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE api_keys SET key_hash = @hash, rotated_at = @now WHERE id = @id AND revoked = 0 RETURNING {Columns}";
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@hash", ApiKeySecret.Hash(secret));
        update.Parameters.AddWithValue("@now", Now());
        return await ReadOneAsync(update, cancellationToken) is { } rotated
            ? (rotated, secret)
            : (await GetAsync(connection, id, cancellationToken), null);
    }

    /// <summary>The change counter: it moves whenever a key is created, revoked or rotated.</summary>
    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        return await ReadVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>The keys that work, with the change counter they were read at (one read transaction).</summary>
    public async Task<(long Version, IReadOnlyList<ActiveKey> Keys)> ReadActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var transaction = database.Dialect.BeginRead(connection);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT id, key_hash, department, scopes FROM api_keys WHERE revoked = 0";
        var keys = new List<ActiveKey>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var hash = (byte[])reader.GetValue(1);
                if (hash.Length == Digest.Size)
                {
                    keys.Add(new ActiveKey(reader.GetInt64(0), new Digest(hash), reader.GetString(2), ParseStored(reader.GetString(3))));
                }
            }
        }

        transaction.Commit();
        return (version, keys);
    }

    /// <summary>Records when keys were last admitted (unix seconds), in one transaction; a later time already stored is kept.</summary>
    public async Task WriteLastUsedAsync(IReadOnlyList<(long Id, long UnixSeconds)> uses, CancellationToken cancellationToken = default)
    {
        if (uses.Count == 0)
        {
            return;
        }

        await using var connection = database.Connect();
        await using var transaction = connection.BeginTransaction();
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE api_keys SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)";
        var id = update.Parameters.Add("@id", System.Data.DbType.Int64);
        var at = update.Parameters.Add("@at", System.Data.DbType.Int64);
        foreach (var use in uses)
        {
            id.Value = use.Id;
            at.Value = use.UnixSeconds;
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
    }

    private static async Task<ApiKeyInfo?> GetAsync(DbConnection connection, long id, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = @id";
        select.Parameters.AddWithValue("@id", id);
        return await ReadOneAsync(select, cancellationToken);
    }

    private static async Task<long> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT version FROM api_key_changes WHERE id = 1";
        return await select.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    private static async Task<ApiKeyInfo?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ApiKeyInfo Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        ParseStored(reader.GetString(2)),
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)),
        Time(reader, 4),
        Time(reader, 5),
        reader.GetInt64(6) != 0,
        Time(reader, 7));

    private static DateTimeOffset? Time(DbDataReader reader, int column)
        => reader.IsDBNull(column) || reader.GetInt64(column) <= 0 ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(column));

    // A value edited by hand into something unknown admits the key nowhere rather than everywhere.
    private static ApiKeyScopes ParseStored(string text) => ApiKeyScopeNames.TryParse(text, out var scopes, out _) ? scopes : ApiKeyScopes.None;

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A key that works, as the API loads it.</summary>
    /// <param name="Id">The key's number.</param>
    /// <param name="Hash">The SHA-256 hash of its secret.</param>
    /// <param name="Department">The department code.</param>
    /// <param name="Scopes">What it may do.</param>
    public sealed record ActiveKey(long Id, Digest Hash, string Department, ApiKeyScopes Scopes);
}
