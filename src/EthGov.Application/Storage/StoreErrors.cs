using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EthGov.Application.Storage;

/// <summary>How a store's failure is named to an operator, whichever provider raised it.</summary>
public static class StoreErrors
{
    /// <summary>SQLite's result code (<c>SQLITE_BUSY</c> is 5), or PostgreSQL's SQLSTATE (<c>57P01</c>: the server shut down).</summary>
    public static string Code(DbException error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PostgresException postgres => postgres.SqlState,
        NpgsqlException => "no connection",
        null => throw new ArgumentNullException(nameof(error)),
        _ => error.GetType().Name,
    };

    /// <summary>
    /// The store failure in <paramref name="exception"/> or its inner exceptions that says the store cannot be used for
    /// now, so that trying again later may succeed: no connection (refused, reset, timed out, pool exhausted), a server
    /// shutting down, starting, out of resources or read-only after a failover, a transaction cut by a conflict, or
    /// SQLite's file busy, locked, full or unreadable. Null for everything else, such as a statement the store refuses,
    /// which stays an internal error.
    /// </summary>
    public static DbException? Unavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException error && IsUnavailable(error))
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="error"/> is a UNIQUE constraint refusing a row (SQLite's SQLITE_CONSTRAINT, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(DbException error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static bool IsUnavailable(DbException error) => error switch
    {
        // Classes 08 (connection), 25006 (read-only: a standby after a failover), 40 (serialization failure, deadlock),
        // 53 (insufficient resources: disk full, too many connections) and 57 (operator intervention: shutdown, start-up).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction
            || postgres.SqlState.StartsWith("40", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException => true,

        // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14,
        _ => false,
    };
}
