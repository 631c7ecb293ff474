using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EthGov.Application.Storage;

/// <summary>
/// The node's store (outbox, batches, event index, API keys, records, exchange journals, staff, passkeys): by default
/// the SQLite file under <c>EthGov:DataDirectory</c>, or the PostgreSQL database that <c>EthGov:Storage</c> names, which
/// then holds every table (the data directory keeps only files: lock, deployment, evidence). Either way a transaction is
/// answered committed only once it is durable, which is what lets the API answer 202 only after the commit.
/// </summary>
public sealed class Database
{
    /// <summary>The database file's name inside the data directory.</summary>
    public const string FileName = "ethgov.db";

    /// <summary>Points at the SQLite database in <paramref name="dataDirectory"/>, creating the folder.</summary>
    public Database(string dataDirectory)
        : this(dataDirectory, new StorageOptions())
    {
    }

    /// <summary>
    /// Points at the store <paramref name="storage"/> chooses; <paramref name="dataDirectory"/> (created) holds the SQLite
    /// file, or with PostgreSQL only the node's other files.
    /// </summary>
    /// <exception cref="ArgumentException">The provider is unknown, or PostgreSQL is chosen without a connection string.</exception>
    public Database(string dataDirectory, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Dialect = StoreDialect.For(storage);
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        if (Dialect is SqliteDialect)
        {
            ConnectionString = FileConnectionString;
        }
        else
        {
            ConnectionString = string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? throw new ArgumentException("EthGov:Storage:ConnectionString is required with the postgres provider", nameof(storage))
                : storage.ConnectionString;
        }
    }

    /// <summary>Full path of the SQLite database file in the data directory.</summary>
    public string Path { get; }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>What the chosen provider does differently.</summary>
    public StoreDialect Dialect { get; }

    /// <summary>Whether the store is the SQLite file.</summary>
    public bool IsSqlite => Dialect is SqliteDialect;

    /// <summary>Opens a connection to the store, with EthGov's durability settings.</summary>
    /// <exception cref="DbException">The store cannot be reached, whatever failed underneath.</exception>
    public DbConnection Connect()
    {
        var connection = Dialect.Create(ConnectionString);
        try
        {
            connection.Open();
            Dialect.Prepare(connection);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            // Npgsql lets a connection reset right after the TCP handshake escape as a bare IOException; every caller
            // treats a DbException as "the store is unreachable, try again", and the outbox writer and the lease keeper
            // stopped for good on anything else.
            connection.Dispose();
            throw new Npgsql.NpgsqlException("the store could not be reached: " + ex.Message, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Whether the store holds a node's tables: for SQLite, whether its file exists (so a mistyped data directory is not
    /// given a new, empty store); for PostgreSQL, whether the database holds the outbox's table.
    /// </summary>
    public bool Exists()
    {
        if (IsSqlite)
        {
            return File.Exists(Path);
        }

        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = Dialect.CountTablesSql;
        command.Parameters.AddWithValue("@table", "documents");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Where the store is, for messages: the SQLite file, or the PostgreSQL host and database (never the password).</summary>
    public string Describe()
    {
        if (IsSqlite)
        {
            return Path;
        }

        var settings = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database {settings.Database} on {settings.Host}:{settings.Port}";
    }

    /// <summary>
    /// Creates the tables that do not exist yet, and the columns added to them since: one transaction, taken under the
    /// dialect's schema lock, so processes starting together do not race.
    /// </summary>
    public void EnsureCreated()
    {
        using var connection = Connect();
        if (!IsSqlite && Schema.IsCurrent(connection, Dialect))
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        Dialect.LockSchema(connection, transaction);
        Execute(connection, Dialect.Ddl(Schema.Sql), transaction);
        Schema.Complete(connection, transaction, Dialect);
        transaction.Commit();
    }

    private string FileConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>Runs statements that return nothing.</summary>
    public static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
