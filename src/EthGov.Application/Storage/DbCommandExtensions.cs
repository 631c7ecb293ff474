using System.Data.Common;

namespace EthGov.Application.Storage;

/// <summary>Parameters through ADO.NET's common types, as both providers' own collections add them.</summary>
public static class DbCommandExtensions
{
    /// <summary>Adds parameter <paramref name="name"/> (with its <c>@</c>) holding <paramref name="value"/> (null: SQL NULL).</summary>
    public static DbParameter AddWithValue(this DbParameterCollection parameters, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var parameter = Create(parameters, name);
        parameter.Value = parameters is Npgsql.NpgsqlParameterCollection ? ForPostgres(value) : value ?? DBNull.Value;
        parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Adds parameter <paramref name="name"/> of <paramref name="type"/>, for a prepared statement to set before each run.</summary>
    public static DbParameter Add(this DbParameterCollection parameters, string name, System.Data.DbType type)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var parameter = Create(parameters, name);
        parameter.DbType = type;
        parameters.Add(parameter);
        return parameter;
    }

    // Npgsql sends uint as PostgreSQL's oid and has no type for the other unsigned integers or enums; the columns are
    // BIGINT (SQLite's INTEGER), which is what SQLite stores these values as, and a bool as 0 or 1, as in SQLite.
    private static object ForPostgres(object? value) => value switch
    {
        null => DBNull.Value,
        uint u => (long)u,
        ushort u => (long)u,
        byte b => (long)b,
        sbyte b => (long)b,
        ulong u => checked((long)u),
        bool b => b ? 1L : 0L,
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    // A collection cannot make parameters; its provider's factory can, and both providers name their parameter types.
    private static DbParameter Create(DbParameterCollection parameters, string name)
    {
        DbParameter parameter = parameters switch
        {
            Npgsql.NpgsqlParameterCollection => new Npgsql.NpgsqlParameter(),
            Microsoft.Data.Sqlite.SqliteParameterCollection => new Microsoft.Data.Sqlite.SqliteParameter(),
            _ => throw new ArgumentException($"no parameters for {parameters.GetType().Name}", nameof(parameters)),
        };
        parameter.ParameterName = name;
        return parameter;
    }
}
