using System.Data.Common;
using EthGov.Application.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>
/// What a data directory's database holds, read as text: each row's columns joined by a space (NULL as empty). The SQLite
/// file, or the PostgreSQL database the suite gave the directory's hosts (<see cref="ApiHost.StoreVariable"/>).
/// </summary>
internal static partial class DatabaseRows
{
    /// <remarks>The tests write SQLite's <c>hex(x)</c>; on PostgreSQL it is read as the dialect's upper-case hex of the bytes.</remarks>
    public static List<string> Read(string dataDirectory, string sql)
    {
        var postgres = ApiHost.PostgresStoreOf(dataDirectory);
        using DbConnection connection = postgres is not null
            ? new NpgsqlConnection(postgres.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, Database.FileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = postgres is null ? sql : Hex().Replace(sql, m => PostgresDialect.Instance.UpperHex(m.Groups[1].Value));
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bhex\(([^()]*)\)")]
    private static partial System.Text.RegularExpressions.Regex Hex();
}
