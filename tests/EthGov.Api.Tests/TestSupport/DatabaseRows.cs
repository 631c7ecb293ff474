using System.Data.Common;
using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>
/// What a data directory's database holds, read as text: each row's columns joined by a space (NULL as empty). The SQLite
/// file, or the PostgreSQL database the suite gave the directory's hosts (<see cref="ApiHost.StoreVariable"/>).
/// </summary>
internal static class DatabaseRows
{
    public static List<string> Read(string dataDirectory, string sql)
    {
        using DbConnection connection = ApiHost.PostgresStoreOf(dataDirectory) is { } postgres
            ? new NpgsqlConnection(postgres.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, Database.FileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
