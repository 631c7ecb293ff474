using Microsoft.Data.Sqlite;

namespace EthGov.Application.Storage;

/// <summary>
/// The API's SQLite file (outbox, batches, event index, API keys) under <c>EthGov:DataDirectory</c>.
/// WAL with synchronous=FULL: a committed transaction survives a crash or power loss, which is what
/// lets the API answer 202 only after the commit.
/// </summary>
public sealed class Database
{
    /// <summary>The database file's name inside the data directory.</summary>
    public const string FileName = "ethgov.db";

    /// <summary>Points at the database in <paramref name="dataDirectory"/>, creating the folder.</summary>
    public Database(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a connection with EthGov's durability settings.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=OFF;");
        return connection;
    }

    /// <summary>Creates the tables that do not exist yet, and the columns added to them since.</summary>
    public void EnsureCreated()
    {
        using var connection = Open();
        Execute(connection, Schema.Sql);
        Schema.Complete(connection);
    }

    /// <summary>Runs statements that return nothing.</summary>
    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
