using Microsoft.Data.Sqlite;

namespace EthGov.LoadTest.Exchange;

/// <summary>
/// A node's own database, opened read-only beside the running node: what the grantee committed about its exchanges and
/// what the holder journaled, read as an auditor with access to the node's files would read it.
/// </summary>
internal static class NodeDatabase
{
    /// <summary>The node's database file under <paramref name="dataDirectory"/> (the API may keep it in a folder per chain).</summary>
    public static string Find(string dataDirectory)
        => Directory.EnumerateFiles(dataDirectory, "ethgov.db", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new InvalidOperationException($"no ethgov.db under {dataDirectory}");

    public static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=10000";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
