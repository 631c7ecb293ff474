using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using Microsoft.Data.Sqlite;

namespace EthGov.Testing;

/// <summary>
/// A data directory as the API of registry 1.x left it: its tables (without the columns added since), bound to a 1.x
/// deployment, holding documents and the batches that carried them to that registry. The current API cannot anchor in
/// 1.x (it refuses a 1.x registry at start), so tests anchor in 1.x themselves and record here what that API recorded.
/// </summary>
public sealed class OutboxV1
{
    private const string Tables = """
        CREATE TABLE documents (id INTEGER PRIMARY KEY, digest BLOB NOT NULL, department INTEGER NOT NULL, valid_until INTEGER NOT NULL, accepted_at INTEGER NOT NULL);
        CREATE TABLE batches (id INTEGER PRIMARY KEY, department INTEGER NOT NULL, valid_until INTEGER NOT NULL, root BLOB NOT NULL, members BLOB NOT NULL,
            state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, error TEXT, tx_hash TEXT, block_number INTEGER, block_hash TEXT, block_time INTEGER,
            created_at INTEGER NOT NULL);
        CREATE TABLE deployment_binding (id INTEGER PRIMARY KEY CHECK (id = 1), chain_id INTEGER NOT NULL, registry TEXT NOT NULL, genesis_hash TEXT NOT NULL,
            bound_at INTEGER NOT NULL);
        """;

    private readonly string _connectionString;
    private long _nextDocument = 1;
    private long _nextBatch = 1;

    private OutboxV1(string connectionString) => _connectionString = connectionString;

    /// <summary>Creates the 1.x tables in <paramref name="dataDirectory"/>, bound to <paramref name="deployment"/>.</summary>
    public static OutboxV1 Create(string dataDirectory, Deployment deployment)
    {
        var outbox = new OutboxV1(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "ethgov.db"), Pooling = false }.ToString());
        outbox.Execute(Tables);
        outbox.Execute("INSERT INTO deployment_binding VALUES (1, $a, $b, $c, 0)", deployment.ChainId, deployment.Registry, deployment.GenesisHash);
        return outbox;
    }

    /// <summary>A document accepted for <paramref name="department"/> that no batch carries yet.</summary>
    public void Accepted(Digest digest, uint department) => AddDocument(digest, department);

    /// <summary>A batch of <paramref name="department"/> (one member: anchored singly) confirmed by <paramref name="outcome"/>.</summary>
    public void Confirmed(uint department, Digest root, Digest[] members, TransactionOutcome outcome)
    {
        foreach (var member in members)
        {
            AddDocument(member, department);
        }

        Execute("""
            INSERT INTO batches (id, department, valid_until, root, members, state, attempts, tx_hash, block_number, block_hash, block_time, created_at)
            VALUES ($a, $b, 0, $c, $d, 1, 1, $e, $f, $g, $h, 0)
            """, _nextBatch++, department, root.ToArray(), members.SelectMany(m => m.ToArray()).ToArray(),
            outcome.TransactionHash, outcome.BlockNumber, outcome.BlockHash, outcome.BlockTime.ToUnixTimeSeconds());
    }

    /// <summary>A one-document batch the 1.x registry refused for good.</summary>
    public void Failed(uint department, Digest digest, string error)
    {
        AddDocument(digest, department);
        Execute("INSERT INTO batches (id, department, valid_until, root, members, state, attempts, error, created_at) VALUES ($a, $b, 0, $c, $d, 2, 1, $e, 0)",
            _nextBatch++, department, digest.ToArray(), digest.ToArray(), error);
    }

    private void AddDocument(Digest digest, uint department)
        => Execute("INSERT INTO documents VALUES ($a, $b, $c, 0, 0)", _nextDocument++, digest.ToArray(), department);

    private void Execute(string sql, params object[] values)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i] is ulong u ? (long)u : values[i]);
        }

        command.ExecuteNonQuery();
    }
}
