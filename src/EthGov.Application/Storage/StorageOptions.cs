namespace EthGov.Application.Storage;

/// <summary>
/// The node's store (section <c>EthGov:Storage</c>): <c>sqlite</c>, the default, keeps it in one file in the data
/// directory; <c>postgres</c> keeps it in the PostgreSQL database <see cref="ConnectionString"/> names.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The value of <see cref="Provider"/> for the embedded SQLite file.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The value of <see cref="Provider"/> for a PostgreSQL server.</summary>
    public const string Postgres = "postgres";

    /// <summary><see cref="Sqlite"/> or <see cref="Postgres"/>, in any case.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>For <see cref="Postgres"/>: an Npgsql connection string (host, port, database, user, password). Unused for SQLite.</summary>
    public string? ConnectionString { get; set; }
}
