using System.Text.Json;
using EthGov.Api.Storage;
using EthGov.Core.Digests;
using Microsoft.Data.Sqlite;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Api.Indexing;

/// <summary>
/// The read model the indexer writes: registry events with the block and transaction of each, grants as they
/// stand, and the checkpoint (last block read, its hash, the chain's genesis) that tells a reorganisation or a
/// reset apart from progress.
/// </summary>
public sealed class IndexStore(Database database)
{
    private readonly Lock _writeLock = new();
    private SqliteConnection? _writer;

    /// <summary>The last block indexed, or null before the first read.</summary>
    public IndexCheckpoint? Checkpoint()
    {
        using var connection = database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT genesis_hash, block_number, block_hash FROM index_checkpoint WHERE id = 1";
        using var reader = select.ExecuteReader();
        return reader.Read() ? new IndexCheckpoint(reader.GetString(0), (ulong)reader.GetInt64(1), reader.GetString(2)) : null;
    }

    /// <summary>Stores the events of <paramref name="logs"/> and moves the checkpoint, in one transaction.</summary>
    public int Apply(IReadOnlyList<FilterLog> logs, IReadOnlyDictionary<ulong, DateTimeOffset> blockTimes, IndexCheckpoint checkpoint)
    {
        int stored = 0;
        lock (_writeLock)
        {
            var connection = Writer();
            using var transaction = connection.BeginTransaction();
            foreach (var log in logs)
            {
                var decoded = EventDecoder.Decode(log, blockTimes[(ulong)log.BlockNumber.Value], id => GrantParties(connection, transaction, id));
                if (decoded is null)
                {
                    continue;
                }

                Insert(connection, transaction, decoded);
                ApplyToGrants(connection, transaction, decoded);
                stored++;
            }

            SaveCheckpoint(connection, transaction, checkpoint);
            transaction.Commit();
        }

        return stored;
    }

    /// <summary>Forgets everything read after <paramref name="block"/> (a reorganisation replaced those blocks).</summary>
    public void RollbackAfter(ulong block, IndexCheckpoint checkpoint)
    {
        lock (_writeLock)
        {
            var connection = Writer();
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "DELETE FROM events WHERE block_number > $b", block);
            Execute(connection, transaction, "DELETE FROM grants WHERE block_number > $b", block);
            Execute(connection, transaction, "UPDATE grants SET revoked_block = NULL WHERE revoked_block > $b", block);
            SaveCheckpoint(connection, transaction, checkpoint);
            transaction.Commit();
        }
    }

    /// <summary>Events about <paramref name="recordId"/>, oldest first.</summary>
    public Page<IndexedEventRow> ByRecord(Digest recordId, int page, int pageSize)
        => Query("record_id = $v", recordId.ToArray(), page, pageSize);

    /// <summary>Events that concern department <paramref name="departmentId"/>, oldest first.</summary>
    public Page<IndexedEventRow> ByDepartment(uint departmentId, int page, int pageSize)
        => Query("(department = $v OR other_department = $v)", (long)departmentId, page, pageSize);

    /// <summary>Events named <paramref name="name"/>, oldest first.</summary>
    public Page<IndexedEventRow> ByName(string name, int page, int pageSize)
        => Query("name = $v", name, page, pageSize);

    /// <summary>Grants of <paramref name="recordId"/> or to <paramref name="grantee"/>, as indexed.</summary>
    public IReadOnlyList<IndexedGrant> Grants(Digest? recordId, uint? grantee)
    {
        using var connection = database.Open();
        using var select = connection.CreateCommand();
        var filters = new List<string>();
        if (recordId is { } r)
        {
            filters.Add("record_id = $record");
            select.Parameters.AddWithValue("$record", r.ToArray());
        }

        if (grantee is { } g)
        {
            filters.Add("grantee = $grantee");
            select.Parameters.AddWithValue("$grantee", (long)g);
        }

        select.CommandText = "SELECT id, record_id, grantor, subject, grantee, purpose, expires_at, basis, legal_basis, block_number, tx_hash, revoked_block FROM grants"
            + (filters.Count > 0 ? " WHERE " + string.Join(" AND ", filters) : string.Empty) + " ORDER BY id LIMIT 1000";
        using var reader = select.ExecuteReader();
        var grants = new List<IndexedGrant>();
        while (reader.Read())
        {
            grants.Add(new IndexedGrant(
                reader.GetInt64(0), new Digest((byte[])reader[1]), (uint)reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                (uint)reader.GetInt64(4), (ushort)reader.GetInt64(5), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(6)),
                reader.GetInt64(7) == 0 ? "legal-basis" : "subject-consent", new Digest((byte[])reader[8]),
                (ulong)reader.GetInt64(9), reader.GetString(10), !reader.IsDBNull(11)));
        }

        return grants;
    }

    private Page<IndexedEventRow> Query(string where, object value, int page, int pageSize)
    {
        using var connection = database.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM events WHERE {where}";
        count.Parameters.AddWithValue("$v", value);
        var total = (long)count.ExecuteScalar()!;

        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT block_number, block_hash, tx_hash, log_index, block_time, name, record_id, grant_id, department, other_department, data
            FROM events WHERE {where} ORDER BY block_number, log_index LIMIT $limit OFFSET $offset
            """;
        select.Parameters.AddWithValue("$v", value);
        select.Parameters.AddWithValue("$limit", pageSize);
        select.Parameters.AddWithValue("$offset", (long)(page - 1) * pageSize);
        using var reader = select.ExecuteReader();
        var rows = new List<IndexedEventRow>();
        while (reader.Read())
        {
            rows.Add(new IndexedEventRow(
                reader.GetString(5), (ulong)reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(4)),
                reader.IsDBNull(6) ? null : new Digest((byte[])reader[6]),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : (uint)reader.GetInt64(8),
                reader.IsDBNull(9) ? null : (uint)reader.GetInt64(9),
                JsonSerializer.Deserialize<JsonElement>(reader.GetString(10))));
        }

        return new Page<IndexedEventRow>(rows, page, pageSize, total);
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IndexedEvent e)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO events (block_number, block_hash, tx_hash, log_index, block_time, name, record_id, grant_id, department, other_department, data)
            VALUES ($block, $blockHash, $tx, $logIndex, $time, $name, $record, $grant, $department, $other, $data)
            """;
        insert.Parameters.AddWithValue("$block", (long)e.BlockNumber);
        insert.Parameters.AddWithValue("$blockHash", e.BlockHash);
        insert.Parameters.AddWithValue("$tx", e.TransactionHash);
        insert.Parameters.AddWithValue("$logIndex", e.LogIndex);
        insert.Parameters.AddWithValue("$time", e.BlockTime.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("$name", e.Name);
        insert.Parameters.AddWithValue("$record", e.RecordId is { } r ? r.ToArray() : DBNull.Value);
        insert.Parameters.AddWithValue("$grant", e.GrantId is { } g ? g : DBNull.Value);
        insert.Parameters.AddWithValue("$department", e.Department is { } d ? (long)d : DBNull.Value);
        insert.Parameters.AddWithValue("$other", e.OtherDepartment is { } o ? (long)o : DBNull.Value);
        insert.Parameters.AddWithValue("$data", JsonSerializer.Serialize(e.Data));
        insert.ExecuteNonQuery();
    }

    private static void ApplyToGrants(SqliteConnection connection, SqliteTransaction transaction, IndexedEvent e)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        switch (e.Name)
        {
            case "AccessGranted":
                command.CommandText = """
                    INSERT OR REPLACE INTO grants (id, record_id, grantor, subject, grantee, purpose, expires_at, basis, legal_basis, block_number, tx_hash, revoked_block)
                    VALUES ($id, $record, $grantor, $subject, $grantee, $purpose, $expires, $basis, $legal, $block, $tx, NULL)
                    """;
                command.Parameters.AddWithValue("$id", e.GrantId!.Value);
                command.Parameters.AddWithValue("$record", e.RecordId!.Value.ToArray());
                command.Parameters.AddWithValue("$grantor", Convert.ToInt64(e.Data["grantorDepartment"], System.Globalization.CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$subject", (object?)e.Data["subject"] ?? DBNull.Value);
                command.Parameters.AddWithValue("$grantee", (long)e.Department!.Value);
                command.Parameters.AddWithValue("$purpose", Convert.ToInt64(e.Data["purpose"], System.Globalization.CultureInfo.InvariantCulture));
                // The contract takes any uint64; beyond what a date can hold it is read as "never", not an overflow that stops the indexer.
                command.Parameters.AddWithValue("$expires", (long)Math.Min(Convert.ToUInt64(e.Data["expiresAt"], System.Globalization.CultureInfo.InvariantCulture), (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
                command.Parameters.AddWithValue("$basis", (string)e.Data["basis"]! == "legal-basis" ? 0 : 1);
                command.Parameters.AddWithValue("$legal", Digest.Parse((string)e.Data["legalBasis"]!).ToArray());
                command.Parameters.AddWithValue("$block", (long)e.BlockNumber);
                command.Parameters.AddWithValue("$tx", e.TransactionHash);
                break;
            case "GrantRevoked":
                command.CommandText = "UPDATE grants SET revoked_block = $block WHERE id = $id";
                command.Parameters.AddWithValue("$id", e.GrantId!.Value);
                command.Parameters.AddWithValue("$block", (long)e.BlockNumber);
                break;
            default:
                return;
        }

        command.ExecuteNonQuery();
    }

    private static (uint Grantor, uint Grantee)? GrantParties(SqliteConnection connection, SqliteTransaction transaction, long grantId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT grantor, grantee FROM grants WHERE id = $id";
        select.Parameters.AddWithValue("$id", grantId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ((uint)reader.GetInt64(0), (uint)reader.GetInt64(1)) : null;
    }

    private static void SaveCheckpoint(SqliteConnection connection, SqliteTransaction transaction, IndexCheckpoint checkpoint)
    {
        using var save = connection.CreateCommand();
        save.Transaction = transaction;
        save.CommandText = "INSERT OR REPLACE INTO index_checkpoint (id, genesis_hash, block_number, block_hash) VALUES (1, $genesis, $block, $hash)";
        save.Parameters.AddWithValue("$genesis", checkpoint.GenesisHash);
        save.Parameters.AddWithValue("$block", (long)checkpoint.BlockNumber);
        save.Parameters.AddWithValue("$hash", checkpoint.BlockHash);
        save.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, ulong block)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$b", (long)block);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Writer() => _writer ??= database.Open();
}

/// <summary>The last block the index has read, with its hash and the chain's genesis hash.</summary>
public sealed record IndexCheckpoint(string GenesisHash, ulong BlockNumber, string BlockHash);

/// <summary>One page of a longer list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>An indexed event as the audit timeline shows it.</summary>
public sealed record IndexedEventRow(
    string Event, ulong BlockNumber, string BlockHash, string TransactionHash, long LogIndex, DateTimeOffset BlockTime,
    Digest? RecordId, long? GrantId, uint? Department, uint? OtherDepartment, JsonElement Data);

/// <summary>A grant as indexed from its events.</summary>
public sealed record IndexedGrant(
    long Id, Digest RecordId, uint GrantorDepartment, string? Subject, uint GranteeDepartment, ushort Purpose,
    DateTimeOffset ExpiresAt, string Basis, Digest LegalBasis, ulong BlockNumber, string TransactionHash, bool Revoked);
