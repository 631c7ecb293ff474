using System.Collections.Concurrent;
using EthGov.Application.Storage;

namespace EthGov.Testing;

/// <summary>
/// The store the tests run on: SQLite in each data directory, or with <c>ETHGOV_TEST_STORE=postgres</c> a PostgreSQL
/// database of <see cref="PostgresServer.Shared"/> per data directory, the same one again whenever a test opens that
/// directory's store again (a restarted host, a second store object over the same data).
/// </summary>
public static class TestStore
{
    /// <summary>The environment variable that chooses the store (<c>postgres</c>; anything else is SQLite).</summary>
    public const string Variable = "ETHGOV_TEST_STORE";

    private static readonly ConcurrentDictionary<string, StorageOptions> s_postgres = new();

    /// <summary>Whether this run's stores are PostgreSQL databases.</summary>
    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable(Variable), StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The store settings for <paramref name="dataDirectory"/>: a PostgreSQL database of its own on a PostgreSQL run.</summary>
    public static StorageOptions For(string dataDirectory)
        => IsPostgres ? s_postgres.GetOrAdd(Path.GetFullPath(dataDirectory), _ => PostgresServer.Shared.CreateDatabase()) : new StorageOptions();

    /// <summary>The PostgreSQL database given to <paramref name="dataDirectory"/>, if one was.</summary>
    public static StorageOptions? PostgresOf(string dataDirectory)
        => s_postgres.TryGetValue(Path.GetFullPath(dataDirectory), out var store) ? store : null;

    /// <summary>The store of <paramref name="dataDirectory"/> (not created yet).</summary>
    public static Database Database(string dataDirectory) => new(dataDirectory, For(dataDirectory));
}
