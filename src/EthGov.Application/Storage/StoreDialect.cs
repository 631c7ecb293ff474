using System.Data.Common;

namespace EthGov.Application.Storage;

/// <summary>
/// What SQLite and PostgreSQL do differently, and nothing else: the stores' statements are shared (<c>@name</c>
/// parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>), and the schema is written once in SQLite's column types, which a
/// dialect maps to its own.
/// </summary>
public abstract class StoreDialect
{
    /// <summary>The provider's name as <see cref="StorageOptions.Provider"/> spells it.</summary>
    public abstract string Name { get; }

    /// <summary>A new, closed connection.</summary>
    public abstract DbConnection Create(string connectionString);

    /// <summary>Settings every new connection of the node gets before its first statement.</summary>
    public abstract void Prepare(DbConnection connection);

    /// <summary><paramref name="ddl"/>, written with SQLite's column types, in this dialect's.</summary>
    public abstract string Ddl(string ddl);

    /// <summary>
    /// Taken first in the transaction that creates and migrates the schema, so that processes starting together migrate
    /// one after the other.
    /// </summary>
    public abstract void LockSchema(DbConnection connection, DbTransaction transaction);

    /// <summary>A count of the tables named <c>@table</c>.</summary>
    public abstract string CountTablesSql { get; }

    /// <summary>A count of the indexes named <c>@table</c> (the parameter the other counts use).</summary>
    public abstract string CountIndexesSql { get; }

    /// <summary>A count of the triggers named <c>@table</c>.</summary>
    public abstract string CountTriggersSql { get; }

    /// <summary>A count of the columns named <c>@column</c> in table <c>@table</c>.</summary>
    public abstract string CountColumnsSql { get; }

    /// <summary>
    /// A count of the columns named <c>@column</c> in table <c>@table</c> whose values the store may still try to compress
    /// (0 where it never compresses).
    /// </summary>
    public abstract string CountCompressedColumnsSql { get; }

    /// <summary>The statement that stores <paramref name="column"/> of <paramref name="table"/> uncompressed; null where nothing is compressed.</summary>
    public abstract string? StoreUncompressedSql(string table, string column);

    /// <summary>Triggers that add one to <c>api_key_changes.version</c> on every change of a key but its last use.</summary>
    public abstract string ApiKeyTriggersSql { get; }

    /// <summary>The operator that matches a LIKE pattern without regard to the case of ASCII letters.</summary>
    public abstract string CaseInsensitiveLike { get; }

    /// <summary>An expression for the bytes of <paramref name="expression"/> in upper-case hexadecimal.</summary>
    public abstract string UpperHex(string expression);

    /// <summary>
    /// A transaction that writes: it holds the store's write lock from its first statement where the store has one
    /// (SQLite's immediate transaction), so a read in it is not overtaken by another writer before its write.
    /// </summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A transaction that only reads, all of it from one snapshot, without taking a write lock.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>
    /// Whether a failed statement spoils its whole transaction (PostgreSQL), so that writes sharing one transaction must each
    /// run under a savepoint to fail alone; SQLite undoes only the statement.
    /// </summary>
    public abstract bool FailedStatementAbortsTransaction { get; }

    /// <summary>The dialect <paramref name="storage"/> chooses.</summary>
    /// <exception cref="ArgumentException">The provider is neither <c>sqlite</c> nor <c>postgres</c>.</exception>
    public static StoreDialect For(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Provider.Trim().ToLowerInvariant() switch
        {
            StorageOptions.Sqlite or "" => SqliteDialect.Instance,
            StorageOptions.Postgres => PostgresDialect.Instance,
            var other => throw new ArgumentException(
                $"EthGov:Storage:Provider is '{other}'; it must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}'", nameof(storage)),
        };
    }
}
