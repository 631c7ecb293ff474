using EthGov.Application.Storage;
using EthGov.Core.Digests;
using Microsoft.Data.Sqlite;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>Reads the API's SQLite file from outside the process, read-only, to count what it wrote.</summary>
public sealed class OutboxDatabase(string dataDirectory)
{
    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, Database.FileName),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>Rows in the outbox's documents table.</summary>
    public long DocumentRows() => Scalar("SELECT count(*) FROM documents");

    /// <summary>Rows in the batches table.</summary>
    public long BatchRows() => Scalar("SELECT count(*) FROM batches");

    /// <summary>Every stored batch: its root, state (0 pending, 1 confirmed, 2 failed), block hash and members.</summary>
    public IReadOnlyList<(Digest Root, int State, string? BlockHash, Digest[] Members)> Batches()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT root, state, block_hash, members FROM batches ORDER BY id";
        using var reader = select.ExecuteReader();
        var batches = new List<(Digest, int, string?, Digest[])>();
        while (reader.Read())
        {
            var packed = (byte[])reader[3];
            var members = Enumerable.Range(0, packed.Length / Digest.Size).Select(i => new Digest(packed.AsSpan(i * Digest.Size, Digest.Size))).ToArray();
            batches.Add((new Digest((byte[])reader[0]), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), members));
        }

        return batches;
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
