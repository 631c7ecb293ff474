using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>
/// Registration codes and the bindings of records to passkeys, in tables <c>passkey_codes</c> and <c>passkey_bindings</c>
/// of the node's database. A code is kept as its SHA-256 only; using it and binding the record happen in one transaction,
/// so a code binds at most one passkey, and a record has at most one live binding (a unique index says so).
/// </summary>
public sealed class PasskeyBindingStore(Database database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>A new code for binding <paramref name="recordId"/>, valid for <paramref name="lifetime"/>; the code is returned once and kept hashed.</summary>
    public Task<(string Code, DateTimeOffset ExpiresAt)> IssueCodeAsync(
        Digest recordId, uint department, PasskeyRole role, TimeSpan lifetime, CancellationToken cancellationToken = default)
        => RunAsync(connection =>
        {
            var code = RegistrationCode.New();
            var now = _time.GetUtcNow();
            var expiresAt = now + lifetime;
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO passkey_codes (code_hash, record_id, department, role, created_at, expires_at)
                VALUES (@hash, @record, @department, @role, @now, @expires)
                """;
            insert.Parameters.AddWithValue("@hash", RegistrationCode.Hash(code)!);
            insert.Parameters.AddWithValue("@record", recordId.ToArray());
            insert.Parameters.AddWithValue("@department", (long)department);
            insert.Parameters.AddWithValue("@role", PasskeyRoleNames.Name(role));
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("@expires", expiresAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
            return (code, expiresAt);
        }, cancellationToken);

    /// <summary>The code whose hash is <paramref name="codeHash"/>, or null when none was issued.</summary>
    public Task<RegistrationCodeEntry?> FindCodeAsync(byte[] codeHash, CancellationToken cancellationToken = default)
        => RunAsync(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT id, record_id, department, role, challenge, expires_at, used_at FROM passkey_codes WHERE code_hash = @hash";
            read.Parameters.AddWithValue("@hash", codeHash);
            using var reader = read.ExecuteReader();
            return reader.Read()
                ? new RegistrationCodeEntry(
                    reader.GetInt64(0), new Digest((byte[])reader[1]), (uint)reader.GetInt64(2), PasskeyRoleNames.Parse(reader.GetString(3)) ?? PasskeyRole.Self,
                    reader.IsDBNull(4) ? null : (byte[])reader[4], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)))
                : null;
        }, cancellationToken);

    /// <summary>Records the WebAuthn challenge handed out for code <paramref name="codeId"/> (a later one replaces it).</summary>
    public Task SetChallengeAsync(long codeId, byte[] challenge, CancellationToken cancellationToken = default)
        => RunAsync(connection =>
        {
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE passkey_codes SET challenge = @challenge WHERE id = @id AND used_at IS NULL";
            update.Parameters.AddWithValue("@challenge", challenge);
            update.Parameters.AddWithValue("@id", codeId);
            return update.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>
    /// Uses code <paramref name="code"/> up and binds its record to <paramref name="passkey"/>, in one transaction: a code
    /// used or expired in the meantime binds nothing, nor does a record that has a live binding.
    /// </summary>
    public Task<(BindOutcome Outcome, PasskeyBinding? Binding)> BindRecordAsync(RegistrationCodeEntry code, NewPasskey passkey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(passkey);
        return RunAsync<(BindOutcome, PasskeyBinding?)>(connection =>
        {
            var now = _time.GetUtcNow();
            using var transaction = connection.BeginTransaction();
            using var use = connection.CreateCommand();
            use.Transaction = transaction;
            use.CommandText = "UPDATE passkey_codes SET used_at = @now WHERE id = @id AND used_at IS NULL AND expires_at > @now";
            use.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            use.Parameters.AddWithValue("@id", code.Id);
            if (use.ExecuteNonQuery() != 1)
            {
                return (BindOutcome.CodeUsed, null);
            }

            var binding = new PasskeyBinding(code.RecordId, code.Department, passkey.X, passkey.Y, passkey.CredentialId, code.Role,
                DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), null);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO passkey_bindings (record_id, department, passkey_id, x, y, credential_id, role, code_id, bound_at)
                VALUES (@record, @department, @passkey, @x, @y, @credential, @role, @code, @now)
                """;
            insert.Parameters.AddWithValue("@record", code.RecordId.ToArray());
            insert.Parameters.AddWithValue("@department", (long)code.Department);
            insert.Parameters.AddWithValue("@passkey", binding.PasskeyId.ToArray());
            insert.Parameters.AddWithValue("@x", passkey.X);
            insert.Parameters.AddWithValue("@y", passkey.Y);
            insert.Parameters.AddWithValue("@credential", passkey.CredentialId);
            insert.Parameters.AddWithValue("@role", PasskeyRoleNames.Name(code.Role));
            insert.Parameters.AddWithValue("@code", code.Id);
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (DbException ex) when (StoreErrors.IsUniqueViolation(ex))
            {
                // A UNIQUE violation of passkey_bindings_live: the record is bound already; the code stays unused.
                return (BindOutcome.AlreadyBound, null);
            }

            transaction.Commit();
            return (BindOutcome.Bound, binding);
        }, cancellationToken);
    }

    /// <summary>The live binding of <paramref name="recordId"/>, or null when the record is bound to no passkey.</summary>
    public Task<PasskeyBinding?> LiveAsync(Digest recordId, CancellationToken cancellationToken = default)
        => RunAsync(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = """
                SELECT department, x, y, credential_id, role, bound_at FROM passkey_bindings
                WHERE record_id = @record AND revoked_at IS NULL
                """;
            read.Parameters.AddWithValue("@record", recordId.ToArray());
            using var reader = read.ExecuteReader();
            return reader.Read()
                ? new PasskeyBinding(recordId, (uint)reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2], (byte[])reader[3],
                    PasskeyRoleNames.Parse(reader.GetString(4)) ?? PasskeyRole.Self, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), null)
                : null;
        }, cancellationToken);

    /// <summary>
    /// The live bindings of the passkey with credential id <paramref name="credentialId"/>, at most <paramref name="limit"/>,
    /// oldest first: what a sign-in by that credential opens.
    /// </summary>
    public Task<IReadOnlyList<PasskeyBinding>> LiveByCredentialAsync(byte[] credentialId, int limit, CancellationToken cancellationToken = default)
        => LiveWhereAsync("credential_id = @value", credentialId, limit, cancellationToken);

    /// <summary>The live bindings of passkey <paramref name="passkeyId"/>, at most <paramref name="limit"/>, oldest first: the records it stands for here.</summary>
    public Task<IReadOnlyList<PasskeyBinding>> LiveByPasskeyAsync(Digest passkeyId, int limit, CancellationToken cancellationToken = default)
        => LiveWhereAsync("passkey_id = @value", passkeyId.ToArray(), limit, cancellationToken);

    /// <summary>Revokes the live binding of <paramref name="recordId"/> (a lost passkey); returns when, or null when there was none.</summary>
    public Task<DateTimeOffset?> RevokeAsync(Digest recordId, CancellationToken cancellationToken = default)
        => RunAsync<DateTimeOffset?>(connection =>
        {
            var now = _time.GetUtcNow();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE passkey_bindings SET revoked_at = @now WHERE record_id = @record AND revoked_at IS NULL";
            update.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("@record", recordId.ToArray());
            return update.ExecuteNonQuery() == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        }, cancellationToken);

    private Task<IReadOnlyList<PasskeyBinding>> LiveWhereAsync(string where, byte[] value, int limit, CancellationToken cancellationToken)
        => RunAsync<IReadOnlyList<PasskeyBinding>>(connection =>
        {
            using var read = connection.CreateCommand();
            read.CommandText = $"""
                SELECT record_id, department, x, y, credential_id, role, bound_at FROM passkey_bindings
                WHERE {where} AND revoked_at IS NULL ORDER BY id LIMIT @limit
                """;
            read.Parameters.AddWithValue("@value", value);
            read.Parameters.AddWithValue("@limit", limit);
            using var reader = read.ExecuteReader();
            var bindings = new List<PasskeyBinding>();
            while (reader.Read())
            {
                bindings.Add(new PasskeyBinding(new Digest((byte[])reader[0]), (uint)reader.GetInt64(1), (byte[])reader[2], (byte[])reader[3], (byte[])reader[4],
                    PasskeyRoleNames.Parse(reader.GetString(5)) ?? PasskeyRole.Self, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), null));
            }

            return bindings;
        }, cancellationToken);

    private Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken cancellationToken)
        => Task.Run(() =>
        {
            using var connection = database.Connect();
            return work(connection);
        }, cancellationToken);
}
