using System.Data.Common;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Storage;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>
/// Consent requests in table <c>consent_requests</c>. A request is reached by a link holding a random token (128 bits,
/// base64url); the token is the only way to it and is stored as its SHA-256, so the database alone opens no request.
/// </summary>
public sealed class ConsentRequestStore(Database database, TimeProvider? time = null)
{
    private const string Columns = "id, record_id, department, grantee, purpose, expires_at, grant_use, retention_days, max_fetches, revocable_by, valid_until, deadline, grant_id, revoked_at";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The largest token text read (22 characters are issued).</summary>
    public const int MaxTokenLength = 64;

    /// <summary>Keeps a new request; returns its token (shown once, in the link) and the request.</summary>
    public Task<(string Token, ConsentRequest Request)> CreateAsync(
        Digest recordId, uint department, uint grantee, ushort purpose, DateTimeOffset expiresAt, GrantTerms terms, TimeSpan linkLifetime,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return RunAsync(connection =>
        {
            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            var now = _time.GetUtcNow();
            var validUntil = Seconds(now + linkLifetime);
            var expires = Seconds(expiresAt);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO consent_requests (token_hash, record_id, department, grantee, purpose, expires_at, grant_use, retention_days, max_fetches,
                    revocable_by, valid_until, created_at)
                VALUES (@hash, @record, @department, @grantee, @purpose, @expires, @use, @retention, @fetches, @revokers, @valid, @now)
                RETURNING id
                """;
            insert.Parameters.AddWithValue("@hash", Hash(token)!);
            insert.Parameters.AddWithValue("@record", recordId.ToArray());
            insert.Parameters.AddWithValue("@department", (long)department);
            insert.Parameters.AddWithValue("@grantee", (long)grantee);
            insert.Parameters.AddWithValue("@purpose", (long)purpose);
            insert.Parameters.AddWithValue("@expires", expires.ToUnixTimeSeconds());
            insert.Parameters.AddWithValue("@use", (long)terms.Use);
            insert.Parameters.AddWithValue("@retention", (long)terms.RetentionDays);
            insert.Parameters.AddWithValue("@fetches", (long)terms.MaxFetches);
            insert.Parameters.AddWithValue("@revokers", (long)terms.RevocableBy);
            insert.Parameters.AddWithValue("@valid", validUntil.ToUnixTimeSeconds());
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            var id = (long)insert.ExecuteScalar()!;
            return (token, new ConsentRequest(id, recordId, department, grantee, purpose, expires, terms, validUntil, null, null, null));
        }, cancellationToken);
    }

    /// <summary>The request <paramref name="token"/> opens, or null (also for text that cannot be a token).</summary>
    public Task<ConsentRequest?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (Hash(token) is not { } hash)
        {
            return Task.FromResult<ConsentRequest?>(null);
        }

        return RunAsync(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = $"SELECT {Columns} FROM consent_requests WHERE token_hash = @hash";
            read.Parameters.AddWithValue("@hash", hash);
            using var reader = read.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);
    }

    /// <summary>The request whose consent became grant <paramref name="grantId"/> over <paramref name="recordId"/>, or null.</summary>
    public Task<ConsentRequest?> FindByGrantAsync(Digest recordId, BigInteger grantId, CancellationToken cancellationToken = default)
        => RunAsync(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = $"SELECT {Columns} FROM consent_requests WHERE grant_id = @grant AND record_id = @record ORDER BY id LIMIT 1";
            read.Parameters.AddWithValue("@grant", grantId.ToString(CultureInfo.InvariantCulture));
            read.Parameters.AddWithValue("@record", recordId.ToArray());
            using var reader = read.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);

    /// <summary>Records the deadline of the challenge handed out for request <paramref name="id"/>.</summary>
    public Task SetDeadlineAsync(long id, DateTimeOffset deadline, CancellationToken cancellationToken = default)
        => Update(id, "deadline = @value", deadline.ToUnixTimeSeconds(), cancellationToken);

    /// <summary>Records the grant the chain made from request <paramref name="id"/>'s consent.</summary>
    public Task SetGrantAsync(long id, BigInteger grantId, CancellationToken cancellationToken = default)
        => RunAsync(connection =>
        {
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE consent_requests SET grant_id = @grant, granted_at = @now, deadline = NULL WHERE id = @id";
            update.Parameters.AddWithValue("@grant", grantId.ToString(CultureInfo.InvariantCulture));
            update.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("@id", id);
            return update.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>Records that the passkey revoked request <paramref name="id"/>'s grant.</summary>
    public Task SetRevokedAsync(long id, CancellationToken cancellationToken = default)
        => Update(id, "revoked_at = @value, deadline = NULL", _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);

    /// <summary>SHA-256 of a token's text, or null when it is empty or too long to be one.</summary>
    private static byte[]? Hash(string? token)
        => token is { Length: > 0 and <= MaxTokenLength } ? SHA256.HashData(Encoding.ASCII.GetBytes(token)) : null;

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private static ConsentRequest Read(DbDataReader reader) => new(
        reader.GetInt64(0), new Digest((byte[])reader[1]), (uint)reader.GetInt64(2), (uint)reader.GetInt64(3), (ushort)reader.GetInt64(4),
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(5)),
        new GrantTerms((GrantUse)reader.GetInt64(6), (ushort)reader.GetInt64(7), (ushort)reader.GetInt64(8), (GrantRevokers)reader.GetInt64(9)),
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(10)),
        reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(11)),
        reader.IsDBNull(12) ? null : BigInteger.Parse(reader.GetString(12), CultureInfo.InvariantCulture),
        reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)));

    private Task<int> Update(long id, string set, long value, CancellationToken cancellationToken)
        => RunAsync(connection =>
        {
            using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE consent_requests SET {set} WHERE id = @id";
            update.Parameters.AddWithValue("@value", value);
            update.Parameters.AddWithValue("@id", id);
            return update.ExecuteNonQuery();
        }, cancellationToken);

    private Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken cancellationToken)
        => Task.Run(() =>
        {
            using var connection = database.Connect();
            return work(connection);
        }, cancellationToken);
}
