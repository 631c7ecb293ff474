using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Testing;

namespace EthGov.Application.Tests.Storage;

/// <summary>The schema and its migrations, the same on both stores: made once, completed, and its triggers counting key changes.</summary>
public sealed class StoreSchemaTests
{
    public static TheoryData<string> Providers => new() { StorageOptions.Sqlite, StorageOptions.Postgres };

    [Theory]
    [MemberData(nameof(Providers))]
    public void EnsureCreated_Twice_MakesEveryTableOnce(string provider)
    {
        var database = NewDatabase(provider);

        database.EnsureCreated();
        database.EnsureCreated();

        using var connection = database.Connect();
        foreach (var table in new[] { "documents", "batches", "issued_documents", "events", "grants", "api_keys", "records", "exchanges", "staff_audit" })
        {
            Assert.Equal(1L, Scalar(connection, database.Dialect.CountTablesSql, ("@table", table)));
        }

        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM api_key_changes"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void ApiKeyChanges_CountInsertsAndRevocations_NotUses(string provider)
    {
        var database = NewDatabase(provider);
        database.EnsureCreated();
        using var connection = database.Connect();

        Execute(connection, "INSERT INTO api_keys (key_hash, department, created_at, scopes) VALUES (@hash, 'CIVIL', 1, 'anchor')", ("@hash", new byte[32]));
        Execute(connection, "UPDATE api_keys SET last_used_at = 2");
        Execute(connection, "UPDATE api_keys SET revoked = 1, revoked_at = 3");

        Assert.Equal(2L, Scalar(connection, "SELECT version FROM api_key_changes WHERE id = 1"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EnsureCreated_OnATableFromBeforeAColumn_AddsIt_AndKeepsTheRows(string provider)
    {
        var database = NewDatabase(provider);
        database.EnsureCreated();
        using (var connection = database.Connect())
        {
            Execute(connection, "ALTER TABLE batches DROP COLUMN issuer");
            Execute(connection, "INSERT INTO batches (id, department, valid_until, root, members, state, created_at) VALUES (7, 1, 0, @root, @root, 1, 1)", ("@root", new byte[32]));
        }

        database.EnsureCreated();

        using var check = database.Connect();
        Assert.Equal(1L, Scalar(check, database.Dialect.CountColumnsSql, ("@table", "batches"), ("@column", "issuer")));
        Assert.Equal(7L, Scalar(check, "SELECT id FROM batches WHERE issuer IS NULL"));
    }

    /// <summary>
    /// A batch's members (random digests, which do not compress) are stored as they are on PostgreSQL, also in a database
    /// an older version made with BYTEA's default (compressed with pglz when large): the next start changes the column.
    /// </summary>
    [Fact]
    public void Postgres_BatchMembers_AreStoredUncompressed_AlsoInADatabaseFromBefore()
    {
        var database = NewDatabase(StorageOptions.Postgres);
        database.EnsureCreated();
        Assert.Equal(["e", "e"], MembersStorage(database));
        var members = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32 * 10_000);
        using (var connection = database.Connect())
        {
            Execute(connection, "ALTER TABLE batches ALTER COLUMN members SET STORAGE EXTENDED");
            Execute(connection, "ALTER TABLE retired_batches ALTER COLUMN members SET STORAGE EXTENDED");
            Execute(connection, "INSERT INTO batches (id, department, valid_until, root, members, state, created_at) VALUES (7, 1, 0, @root, @members, 1, 1)",
                ("@root", new byte[32]), ("@members", members));
        }

        Assert.Equal(["x", "x"], MembersStorage(database));

        database.EnsureCreated();

        Assert.Equal(["e", "e"], MembersStorage(database));
        using var check = database.Connect();
        using var read = Command(check, "SELECT members FROM batches WHERE id = 7", []);
        Assert.Equal(members, (byte[])read.ExecuteScalar()!);
    }

    [Fact]
    public void AnUnknownProvider_IsRefusedWithTheSettingsName()
    {
        var refused = Assert.Throws<ArgumentException>(() => new Database(TempFolder(), new StorageOptions { Provider = "mysql" }));

        Assert.Contains("EthGov:Storage:Provider", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_IsRefused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new Database(TempFolder(), new StorageOptions { Provider = "Postgres" }));

        Assert.Contains("EthGov:Storage:ConnectionString", refused.Message, StringComparison.Ordinal);
    }

    private static Database NewDatabase(string provider) => provider == StorageOptions.Postgres
        ? new Database(TempFolder(), PostgresServer.Shared.CreateDatabase())
        : new Database(TempFolder());

    private static string[] MembersStorage(Database database)
    {
        using var connection = database.Connect();
        using var command = Command(connection, """
            SELECT a.attstorage::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relname IN ('batches', 'retired_batches') AND a.attname = 'members' AND pg_table_is_visible(c.oid) ORDER BY c.relname
            """, []);
        using var reader = command.ExecuteReader();
        var storage = new List<string>();
        while (reader.Read())
        {
            storage.Add(reader.GetString(0));
        }

        return [.. storage];
    }

    private static string TempFolder() => Directory.CreateTempSubdirectory("ethgov-schema-").FullName;

    private static void Execute(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
