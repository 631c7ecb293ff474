using System.Data.Common;
using EthGov.Application.Storage;

namespace EthGov.Application.Staff;

/// <summary>
/// The <c>staff_accounts</c> table: what <c>ethgov staff add|roles|list|disable</c> change and what the API's sign-in
/// and sessions read. The CLI and the API share it, so an account disabled with the CLI ends its sessions at their
/// next request (each request re-reads the account).
/// </summary>
public sealed class StaffAccounts(Database database, StaffPasswords passwords)
{
    private const string Columns = "id, name, department, roles, must_change_password, stamp, created_at, disabled_at, locked_until, last_sign_in_at";

    /// <summary>The accounts in <paramref name="database"/>, which a node must have made already.</summary>
    /// <exception cref="FileNotFoundException">There is no EthGov store there (a mistyped data directory or connection string, most likely).</exception>
    public static StaffAccounts OpenExisting(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.Exists())
        {
            throw new FileNotFoundException($"no EthGov database at {database.Describe()}: give the API's data directory (EthGov:DataDirectory) and store (EthGov:Storage)", database.Path);
        }

        database.EnsureCreated();
        return new StaffAccounts(database, new StaffPasswords());
    }

    /// <summary>
    /// Makes an account for <paramref name="name"/>; its password must be changed at first sign-in when
    /// <paramref name="mustChangePassword"/>. Null when the name is taken (disabled accounts keep theirs).
    /// </summary>
    /// <exception cref="ArgumentException">The name, department code or password is not acceptable.</exception>
    public async Task<StaffAccount?> AddAsync(string name, string department, StaffRoles roles, string password, bool mustChangePassword, CancellationToken cancellationToken = default)
    {
        if (!StaffNames.IsValid(name))
        {
            throw new ArgumentException($"a sign-in name is 1 to {StaffNames.MaxLength} letters, digits, '.', '-' or '_', starting with a letter or digit", nameof(name));
        }

        if (!StaffNames.IsDepartmentCode(department))
        {
            throw new ArgumentException("a department code is 1 to 32 letters and digits", nameof(department));
        }

        if (StaffPasswords.Weakness(password, name) is { } weakness)
        {
            throw new ArgumentException(weakness, nameof(password));
        }

        await using var connection = database.Connect();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO staff_accounts (name, department, roles, password_hash, must_change_password, created_at)
            VALUES (@name, @department, @roles, @hash, @must, @now)
            ON CONFLICT DO NOTHING RETURNING {Columns}
            """;
        insert.Parameters.AddWithValue("@name", name);
        insert.Parameters.AddWithValue("@department", department.ToUpperInvariant());
        insert.Parameters.AddWithValue("@roles", roles.Format());
        insert.Parameters.AddWithValue("@hash", passwords.Hash(password));
        insert.Parameters.AddWithValue("@must", mustChangePassword ? 1 : 0);
        insert.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return await ReadOneAsync(insert, cancellationToken);
    }

    /// <summary>Every account, oldest first, disabled ones included.</summary>
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM staff_accounts ORDER BY id";
        var accounts = new List<StaffAccount>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    /// <summary>The account named <paramref name="name"/> (case ignored), or null.</summary>
    public async Task<StaffAccount?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        return await OneAsync($"SELECT {Columns} FROM staff_accounts WHERE lower(name) = lower(@name)", cancellationToken, ("@name", name));
    }

    /// <summary>Account <paramref name="id"/>, or null.</summary>
    public async Task<StaffAccount?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        return await OneAsync($"SELECT {Columns} FROM staff_accounts WHERE id = @id", cancellationToken, ("@id", id));
    }

    /// <summary>Gives <paramref name="name"/> exactly <paramref name="roles"/>; null when there is no such account. Its sessions follow at their next request.</summary>
    public async Task<StaffAccount?> SetRolesAsync(string name, StaffRoles roles, CancellationToken cancellationToken = default)
    {
        return await OneAsync($"UPDATE staff_accounts SET roles = @roles WHERE lower(name) = lower(@name) RETURNING {Columns}", cancellationToken, ("@name", name), ("@roles", roles.Format()));
    }

    /// <summary>
    /// Disables <paramref name="name"/> for good and ends its sessions. Returns the account (null when there is none)
    /// and whether this call disabled it.
    /// </summary>
    public async Task<(StaffAccount? Account, bool Disabled)> DisableAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE staff_accounts SET disabled_at = @now, stamp = stamp + 1 WHERE lower(name) = lower(@name) AND disabled_at IS NULL RETURNING {Columns}";
        update.Parameters.AddWithValue("@name", name);
        update.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return await ReadOneAsync(update, cancellationToken) is { } disabled ? (disabled, true) : (await FindAsync(name, cancellationToken), false);
    }

    /// <summary>
    /// Binds <paramref name="name"/> to the person <paramref name="subject"/> of the OpenID Connect provider
    /// <paramref name="issuer"/>, replacing an earlier binding of the account; the person then signs in as this clerk,
    /// with the account's roles. Null when there is no such account (or it is disabled); <c>Taken</c> names the other
    /// account when that person is bound to one already.
    /// </summary>
    /// <exception cref="ArgumentException">The issuer is not an absolute https URL (http only on loopback), or the subject is empty or too long.</exception>
    public async Task<(StaffAccount? Account, string? Taken)> LinkAsync(string name, string issuer, string subject, CancellationToken cancellationToken = default)
    {
        if (!StaffLinks.IsIssuer(issuer))
        {
            throw new ArgumentException("an issuer is the provider's absolute https URL, exactly as its tokens name it (http only on loopback)", nameof(issuer));
        }

        if (!StaffLinks.IsSubject(subject))
        {
            throw new ArgumentException($"a subject is 1 to {StaffLinks.MaxSubjectLength} characters", nameof(subject));
        }

        if (await FindLinkedAsync(issuer, subject, cancellationToken) is { } holder && !string.Equals(holder.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            return (null, holder.Name);
        }

        try
        {
            await using var connection = database.Connect();
            await using var update = connection.CreateCommand();
            update.CommandText = $"""
                UPDATE staff_accounts SET oidc_issuer = @issuer, oidc_subject = @subject
                WHERE lower(name) = lower(@name) AND disabled_at IS NULL RETURNING {Columns}
                """;
            update.Parameters.AddWithValue("@name", name);
            update.Parameters.AddWithValue("@issuer", issuer);
            update.Parameters.AddWithValue("@subject", subject);
            return (await ReadOneAsync(update, cancellationToken), null);
        }
        catch (DbException)
        {
            // Another account was bound to the person between the check and the update: the unique index refused it.
            if (await FindLinkedAsync(issuer, subject, cancellationToken) is { } other)
            {
                return (null, other.Name);
            }

            throw;
        }
    }

    /// <summary>Removes the binding of <paramref name="name"/> to a provider's person; null when there is no such account.</summary>
    public async Task<StaffAccount?> UnlinkAsync(string name, CancellationToken cancellationToken = default)
    {
        return await OneAsync($"UPDATE staff_accounts SET oidc_issuer = NULL, oidc_subject = NULL WHERE lower(name) = lower(@name) RETURNING {Columns}", cancellationToken, ("@name", name));
    }

    /// <summary>The account bound to <paramref name="subject"/> of <paramref name="issuer"/> (compared exactly), or null.</summary>
    public async Task<StaffAccount?> FindLinkedAsync(string issuer, string subject, CancellationToken cancellationToken = default)
    {
        return await OneAsync($"SELECT {Columns} FROM staff_accounts WHERE oidc_issuer = @issuer AND oidc_subject = @subject", cancellationToken, ("@issuer", issuer), ("@subject", subject));
    }

    /// <summary>The issuer and subject account <paramref name="id"/> is bound to, or null.</summary>
    public async Task<StaffLink?> LinkOfAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT oidc_issuer, oidc_subject FROM staff_accounts WHERE id = @id AND oidc_subject IS NOT NULL";
        select.Parameters.AddWithValue("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StaffLink(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Ends every session of account <paramref name="id"/> by moving its stamp: a session cookie is a sealed ticket, so
    /// signing out must change something on the node, or a copy of the cookie would go on working until it expires.
    /// </summary>
    public async Task EndSessionsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE staff_accounts SET stamp = stamp + 1 WHERE id = @id";
        update.Parameters.AddWithValue("@id", id);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored password hash of account <paramref name="id"/>, or null.</summary>
    internal async Task<string?> ReadHashAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = database.Connect();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT password_hash FROM staff_accounts WHERE id = @id";
        select.Parameters.AddWithValue("@id", id);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Counts a failed sign-in; the one that reaches <paramref name="max"/> locks the account until <paramref name="lockedUntil"/>.</summary>
    internal async Task CountFailureAsync(long id, int max, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        // One statement, so concurrent failures are all counted and exactly one of them locks.
        update.CommandText = """
            UPDATE staff_accounts SET
                locked_until = CASE WHEN failed_sign_ins + 1 >= @max THEN @until ELSE locked_until END,
                failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @max THEN 0 ELSE failed_sign_ins + 1 END
            WHERE id = @id
            """;
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@max", max);
        update.Parameters.AddWithValue("@until", lockedUntil.ToUnixTimeSeconds());
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records a successful sign-in, unless the account was locked or disabled meanwhile (by failures counted while this
    /// password was checked): then null, and the sign-in is refused.
    /// </summary>
    internal async Task<StaffAccount?> CountSuccessAsync(long id, DateTimeOffset now, string? newHash, CancellationToken cancellationToken)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE staff_accounts SET failed_sign_ins = 0, last_sign_in_at = @now, password_hash = coalesce(@hash, password_hash)
            WHERE id = @id AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= @now) RETURNING {Columns}
            """;
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@now", now.ToUnixTimeSeconds());
        update.Parameters.AddWithValue("@hash", (object?)newHash ?? DBNull.Value);
        return await ReadOneAsync(update, cancellationToken);
    }

    /// <summary>
    /// Records a sign-in through the department's provider, unless the account is disabled or locked: then null. Unlike a
    /// password sign-in it leaves the count of failed passwords alone, so it cannot be used to reset a guesser's count.
    /// </summary>
    internal async Task<StaffAccount?> CountLinkedSignInAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE staff_accounts SET last_sign_in_at = @now
            WHERE id = @id AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= @now) RETURNING {Columns}
            """;
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@now", now.ToUnixTimeSeconds());
        return await ReadOneAsync(update, cancellationToken);
    }

    /// <summary>Stores a new password for account <paramref name="id"/> and moves its stamp, which ends its other sessions.</summary>
    internal async Task<StaffAccount?> SetPasswordAsync(long id, string hash, CancellationToken cancellationToken)
    {
        await using var connection = database.Connect();
        await using var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE staff_accounts SET password_hash = @hash, must_change_password = 0, stamp = stamp + 1, password_changed_at = @now
            WHERE id = @id AND disabled_at IS NULL RETURNING {Columns}
            """;
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@hash", hash);
        update.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return await ReadOneAsync(update, cancellationToken);
    }

    // The one account that <paramref name="sql"/> (a SELECT or an UPDATE ... RETURNING of Columns) reads, or null.
    private async Task<StaffAccount?> OneAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = database.Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await ReadOneAsync(command, cancellationToken);
    }

    private static async Task<StaffAccount?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    // A roles value edited by hand into something unknown gives no role rather than every role.
    private static StaffAccount Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        StaffRoles.TryParse(reader.GetString(3), out var roles, out _) ? roles : StaffRoles.None,
        reader.GetInt64(4) != 0,
        reader.GetInt64(5),
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(6)),
        Time(reader, 7),
        Time(reader, 8),
        Time(reader, 9));

    private static DateTimeOffset? Time(DbDataReader reader, int column)
        => reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(column));
}
