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

    /// <summary>Whether <paramref name="error"/> is a UNIQUE constraint refusing a row (SQLite's SQLITE_CONSTRAINT, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(DbException error) => error switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
