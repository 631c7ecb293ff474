using EthGov.Core.Digests;
using Npgsql;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// Reads a node's outbox and replica lease in PostgreSQL from outside its processes, to count what they wrote. Each read
/// opens a connection of its own (no pool), so a read after the server was restarted does not meet a connection it ended.
/// </summary>
public sealed class PostgresOutbox(string connectionString)
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>Rows in the outbox's documents table.</summary>
    public long DocumentRows() => (long)Scalar("SELECT count(*) FROM documents")!;

    /// <summary>Tables in the database's public schema (none before a node opened it).</summary>
    public long Tables() => (long)Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")!;

    /// <summary>Rows in the batches table.</summary>
    public long BatchRows() => (long)Scalar("SELECT count(*) FROM batches")!;

    /// <summary>Distinct digests in the outbox's documents table.</summary>
    public long DistinctDigests() => (long)Scalar("SELECT count(DISTINCT digest) FROM documents")!;

    /// <summary>The highest id of any batch, 0 when there is none.</summary>
    public long LastBatch() => (long)Scalar("SELECT coalesce(max(id), 0) FROM batches")!;

    /// <summary>The highest id of a confirmed batch, 0 when none is.</summary>
    public long LastConfirmedBatch() => (long)Scalar("SELECT coalesce(max(id), 0) FROM batches WHERE state = 1")!;

    /// <summary>The lease row's holder (host/process id/run) and epoch.</summary>
    public (string Holder, long Epoch) Lease()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var select = new NpgsqlCommand("SELECT holder, epoch FROM replica_lease WHERE id = 1", connection);
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : (string.Empty, 0);
    }

    /// <summary>Every stored batch: its root, state (0 pending, 1 confirmed, 2 failed), block hash and members.</summary>
    public IReadOnlyList<(Digest Root, int State, string? BlockHash, Digest[] Members)> Batches()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var select = new NpgsqlCommand("SELECT root, state, block_hash, members FROM batches ORDER BY id", connection);
        using var reader = select.ExecuteReader();
        var batches = new List<(Digest, int, string?, Digest[])>();
        while (reader.Read())
        {
            batches.Add((new Digest((byte[])reader[0]), (int)reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), DigestSequence.Unpack((byte[])reader[3])));
        }

        return batches;
    }

    /// <summary>Every outbox row: its id, digest and acceptance time (Unix milliseconds), in id order.</summary>
    public IReadOnlyList<(long Id, Digest Digest, long AcceptedAtMs)> Documents()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var select = new NpgsqlCommand("SELECT id, digest, accepted_at FROM documents ORDER BY id", connection);
        using var reader = select.ExecuteReader();
        var documents = new List<(long, Digest, long)>();
        while (reader.Read())
        {
            documents.Add((reader.GetInt64(0), new Digest((byte[])reader[1]), reader.GetInt64(2)));
        }

        return documents;
    }

    private object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
