using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EthGov.Application.Storage;

/// <summary>
/// SQLite, the default: WAL with synchronous=FULL, so a committed transaction survives a crash or power loss, which
/// is what lets the API answer 202 only after the commit; writers wait up to ten seconds for the file's lock.
/// </summary>
public sealed class SqliteDialect : StoreDialect
{
    /// <summary>The one instance.</summary>
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => StorageOptions.Sqlite;

    /// <inheritdoc />
    public override string CountTablesSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table";

    /// <inheritdoc />
    public override string CountIndexesSql => "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = @table";

    /// <inheritdoc />
    public override string CountTriggersSql => "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = @table";

    /// <inheritdoc />
    public override string CountColumnsSql => "SELECT count(*) FROM pragma_table_info(@table) WHERE name = @column";

    /// <inheritdoc />
    public override string CountCompressedColumnsSql => "SELECT 0";

    /// <inheritdoc />
    public override string? StoreUncompressedSql(string table, string column) => null;

    /// <inheritdoc />
    public override string ApiKeyTriggersSql => """
        CREATE TRIGGER IF NOT EXISTS api_keys_inserted AFTER INSERT ON api_keys
            BEGIN UPDATE api_key_changes SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER IF NOT EXISTS api_keys_changed AFTER UPDATE OF key_hash, department, scopes, revoked ON api_keys
            BEGIN UPDATE api_key_changes SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER IF NOT EXISTS api_keys_deleted AFTER DELETE ON api_keys
            BEGIN UPDATE api_key_changes SET version = version + 1 WHERE id = 1; END;
        """;

    /// <inheritdoc />
    public override string CaseInsensitiveLike => "LIKE";

    /// <inheritdoc />
    public override string UpperHex(string expression) => $"hex({expression})";

    /// <inheritdoc />
    public override DbConnection Create(string connectionString) => new SqliteConnection(connectionString);

    /// <inheritdoc />
    public override bool FailedStatementAbortsTransaction => false;

    /// <inheritdoc />
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <inheritdoc />
    public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    /// <inheritdoc />
    public override void Prepare(DbConnection connection) =>
        Database.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=OFF;");

    /// <inheritdoc />
    public override string Ddl(string ddl) => ddl;

    /// <inheritdoc />
    /// <remarks>The transaction is an immediate one: it holds the file's write lock already.</remarks>
    public override void LockSchema(DbConnection connection, DbTransaction transaction)
    {
    }
}
