using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.Data.Sqlite;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// Reads the API's outbox from outside the process, to count what it wrote: its SQLite file, read-only, or on a
/// PostgreSQL run (<see cref="TestStore"/>) the database the data directory was given.
/// </summary>
public sealed class OutboxDatabase(string dataDirectory)
{
    private readonly PostgresOutbox? _postgres = TestStore.PostgresOf(dataDirectory) is { ConnectionString: { } connectionString } ? new(connectionString) : null;

    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, Database.FileName),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>Whether the node created its store: the SQLite file, or any table in its PostgreSQL database.</summary>
    public bool StoreCreated()
        => _postgres?.Tables() > 0 || Directory.GetFiles(dataDirectory, Database.FileName + "*").Length > 0;

    /// <summary>Rows in the outbox's documents table.</summary>
    public long DocumentRows() => _postgres?.DocumentRows() ?? Scalar("SELECT count(*) FROM documents");

    /// <summary>Rows in the batches table.</summary>
    public long BatchRows() => _postgres?.BatchRows() ?? Scalar("SELECT count(*) FROM batches");

    /// <summary>Every stored batch: its root, state (0 pending, 1 confirmed, 2 failed), block hash and members.</summary>
    public IReadOnlyList<(Digest Root, int State, string? BlockHash, Digest[] Members)> Batches()
    {
        if (_postgres is not null)
        {
            return _postgres.Batches();
        }

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
