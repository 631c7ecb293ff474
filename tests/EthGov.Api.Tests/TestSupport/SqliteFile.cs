using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>What a data directory's SQLite file holds, read without creating it when it is not there.</summary>
internal static class SqliteFile
{
    /// <summary>The tables in the data directory's <c>ethgov.db</c>; none when there is no such file.</summary>
    public static List<string> Tables(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, Database.FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = select.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
