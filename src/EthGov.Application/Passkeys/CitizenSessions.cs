using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>
/// Citizens' sign-in with a passkey bound on this node, in tables <c>citizen_challenges</c> and <c>citizen_sessions</c>.
/// A sign-in challenge is 32 random bytes, kept as its SHA-256, valid for a short time and used once; a session is a
/// random token (256 bits) in a cookie, kept as its SHA-256, that names one passkey and expires. A session is not a staff
/// session: it opens the citizen's own "My data" and nothing else.
/// </summary>
public sealed class CitizenSessions(Database database, TimeProvider? time = null)
{
    /// <summary>Most sign-in challenges open at once: each is a row any visitor can make, so their number is bounded.</summary>
    public const int MaxOpenChallenges = 10_000;

    private const int MaxTokenLength = 64;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// A new sign-in challenge valid for <paramref name="lifetime"/>, or null when <see cref="MaxOpenChallenges"/> are open
    /// (expired ones are dropped first).
    /// </summary>
    public Task<(byte[] Challenge, DateTimeOffset ExpiresAt)?> IssueChallengeAsync(TimeSpan lifetime, CancellationToken cancellationToken = default)
        => RunAsync<(byte[], DateTimeOffset)?>(connection =>
        {
            var now = _time.GetUtcNow();
            using var transaction = database.Dialect.BeginWrite(connection);
            using var purge = connection.CreateCommand();
            purge.Transaction = transaction;
            purge.CommandText = "DELETE FROM citizen_challenges WHERE expires_at <= @now; DELETE FROM citizen_sessions WHERE expires_at <= @now";
            purge.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            purge.ExecuteNonQuery();
            using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT COUNT(*) FROM citizen_challenges WHERE used_at IS NULL";
            if ((long)count.ExecuteScalar()! >= MaxOpenChallenges)
            {
                transaction.Commit();
                return null;
            }

            var challenge = RandomNumberGenerator.GetBytes(32);
            var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((now + lifetime).ToUnixTimeMilliseconds());
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO citizen_challenges (challenge_hash, created_at, expires_at) VALUES (@hash, @now, @expires)";
            insert.Parameters.AddWithValue("@hash", SHA256.HashData(challenge));
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("@expires", expiresAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
            transaction.Commit();
            return (challenge, expiresAt);
        }, cancellationToken);

    /// <summary>The sign-in challenge <paramref name="challenge"/>, or null when this node never issued it (or dropped it once expired).</summary>
    public Task<SignInChallenge?> FindChallengeAsync(byte[] challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return RunAsync(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT id, expires_at, used_at FROM citizen_challenges WHERE challenge_hash = @hash";
            read.Parameters.AddWithValue("@hash", SHA256.HashData(challenge));
            using var reader = read.ExecuteReader();
            return reader.Read()
                ? new SignInChallenge(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
                : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Uses challenge <paramref name="challengeId"/> up and opens a session for <paramref name="passkeyId"/> valid for
    /// <paramref name="lifetime"/>, in one transaction; null when the challenge was used or expired in the meantime.
    /// </summary>
    public Task<(string Token, DateTimeOffset ExpiresAt)?> OpenAsync(long challengeId, Digest passkeyId, TimeSpan lifetime, CancellationToken cancellationToken = default)
        => RunAsync<(string, DateTimeOffset)?>(connection =>
        {
            var now = _time.GetUtcNow();
            using var transaction = database.Dialect.BeginWrite(connection);
            using var use = connection.CreateCommand();
            use.Transaction = transaction;
            use.CommandText = "UPDATE citizen_challenges SET used_at = @now WHERE id = @id AND used_at IS NULL AND expires_at > @now";
            use.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            use.Parameters.AddWithValue("@id", challengeId);
            if (use.ExecuteNonQuery() != 1)
            {
                return null;
            }

            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((now + lifetime).ToUnixTimeMilliseconds());
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO citizen_sessions (token_hash, passkey_id, created_at, expires_at) VALUES (@hash, @passkey, @now, @expires)";
            insert.Parameters.AddWithValue("@hash", Hash(token)!);
            insert.Parameters.AddWithValue("@passkey", passkeyId.ToArray());
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("@expires", expiresAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
            transaction.Commit();
            return (token, expiresAt);
        }, cancellationToken);

    /// <summary>The session <paramref name="token"/> opens while it lasts, or null.</summary>
    public Task<CitizenSession?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (Hash(token) is not { } hash)
        {
            return Task.FromResult<CitizenSession?>(null);
        }

        return RunAsync(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT passkey_id, expires_at FROM citizen_sessions WHERE token_hash = @hash AND expires_at > @now";
            read.Parameters.AddWithValue("@hash", hash);
            read.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            using var reader = read.ExecuteReader();
            return reader.Read() ? new CitizenSession(new Digest((byte[])reader[0]), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))) : null;
        }, cancellationToken);
    }

    /// <summary>Ends the session <paramref name="token"/> opens; true when there was one.</summary>
    public Task<bool> CloseAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (Hash(token) is not { } hash)
        {
            return Task.FromResult(false);
        }

        return RunAsync(connection =>
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM citizen_sessions WHERE token_hash = @hash";
            delete.Parameters.AddWithValue("@hash", hash);
            return delete.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    private static byte[]? Hash(string? token)
        => token is { Length: > 0 and <= MaxTokenLength } ? SHA256.HashData(Encoding.ASCII.GetBytes(token)) : null;

    private Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken cancellationToken)
        => Task.Run(() =>
        {
            using var connection = database.Connect();
            return work(connection);
        }, cancellationToken);
}
