using System.Data.Common;
using System.Text.Json;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Chain.Events;

namespace EthGov.Api.Indexing;

/// <summary>
/// The read model the indexer writes: registry events with the block and transaction of each, grants as they
/// stand, and the checkpoint (last block read, its hash, the chain's genesis) that tells a reorganisation or a
/// reset apart from progress.
/// </summary>
public sealed class IndexStore(Database database)
{
    private readonly Lock _writeLock = new();
    private DbConnection? _writer;

    /// <summary>The last block indexed, or null before the first read.</summary>
    public IndexCheckpoint? Checkpoint()
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT genesis_hash, block_number, block_hash FROM index_checkpoint WHERE id = 1";
        using var reader = select.ExecuteReader();
        return reader.Read() ? new IndexCheckpoint(reader.GetString(0), (ulong)reader.GetInt64(1), reader.GetString(2)) : null;
    }

    /// <summary>Stores the events of <paramref name="logs"/> and moves the checkpoint, in one transaction.</summary>
    public int Apply(IReadOnlyList<RegistryLog> logs, IReadOnlyDictionary<ulong, DateTimeOffset> blockTimes, IndexCheckpoint checkpoint)
    {
        int stored = 0;
        lock (_writeLock)
        {
            var connection = Writer();
            using var transaction = connection.BeginTransaction();
            foreach (var log in logs)
            {
                var decoded = EventDecoder.Decode(log, blockTimes[log.BlockNumber], id => GrantParties(connection, transaction, id));
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
            Execute(connection, transaction, "DELETE FROM events WHERE block_number > @b", block);
            Execute(connection, transaction, "DELETE FROM grants WHERE block_number > @b", block);
            Execute(connection, transaction, "UPDATE grants SET revoked_block = NULL WHERE revoked_block > @b", block);
            SaveCheckpoint(connection, transaction, checkpoint);
            transaction.Commit();
        }
    }

    /// <summary>Up to <paramref name="limit"/> events about <paramref name="recordId"/> after <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<IndexedEventRow> ByRecord(Digest recordId, EventPosition? after, int limit)
        => Query("record_id = @v", recordId.ToArray(), after, limit);

    /// <summary>Up to <paramref name="limit"/> events that concern department <paramref name="departmentId"/> after <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<IndexedEventRow> ByDepartment(uint departmentId, EventPosition? after, int limit)
        => Query("(department = @v OR other_department = @v)", (long)departmentId, after, limit);

    /// <summary>Up to <paramref name="limit"/> events named <paramref name="name"/> after <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<IndexedEventRow> ByName(string name, EventPosition? after, int limit)
        => Query("name = @v", name, after, limit);

    /// <summary>
    /// Up to <paramref name="limit"/> grants of <paramref name="recordId"/>, to <paramref name="grantee"/> or by
    /// <paramref name="grantor"/> (those given), as indexed: by id after <paramref name="afterId"/>, or with
    /// <paramref name="newestFirst"/> by id downwards before it (0: from the newest).
    /// </summary>
    public IReadOnlyList<IndexedGrant> Grants(Digest? recordId, uint? grantee, long afterId, int limit, uint? grantor = null, bool newestFirst = false)
    {
        var filters = new List<(string Clause, string Name, object Value)>
        {
            (newestFirst ? "id < @after" : "id > @after", "@after", newestFirst && afterId == 0 ? long.MaxValue : afterId),
        };
        if (recordId is { } r)
        {
            filters.Add(("record_id = @record", "@record", r.ToArray()));
        }

        if (grantee is { } g)
        {
            filters.Add(("grantee = @grantee", "@grantee", (long)g));
        }

        if (grantor is { } by)
        {
            filters.Add(("grantor = @grantor", "@grantor", (long)by));
        }

        return ReadGrants(filters, (newestFirst ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT @limit", ("@limit", limit));
    }

    /// <summary>The grant with <paramref name="id"/> as indexed (with the legal-basis digest its event carried), or null.</summary>
    public IndexedGrant? Grant(long id) => ReadGrants([("id = @id", "@id", id)], string.Empty).FirstOrDefault();

    private List<IndexedGrant> ReadGrants(List<(string Clause, string Name, object Value)> filters, string tail, params (string Name, object Value)[] more)
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        foreach (var (_, name, value) in filters)
        {
            select.Parameters.AddWithValue(name, value);
        }

        foreach (var (name, value) in more)
        {
            select.Parameters.AddWithValue(name, value);
        }

        select.CommandText = "SELECT id, record_id, grantor, subject, grantee, purpose, expires_at, basis, legal_basis, block_number, tx_hash, revoked_block FROM grants"
            + " WHERE " + string.Join(" AND ", filters.Select(f => f.Clause)) + tail;
        using var reader = select.ExecuteReader();
        var grants = new List<IndexedGrant>();
        while (reader.Read())
        {
            grants.Add(new IndexedGrant(
                reader.GetInt64(0), new Digest((byte[])reader[1]), (uint)reader.GetInt64(2), SubjectOf(reader, 3),
                (uint)reader.GetInt64(4), (ushort)reader.GetInt64(5), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(6)),
                GrantBasisNames.Of(reader.GetInt64(7)), new Digest((byte[])reader[8]),
                (ulong)reader.GetInt64(9), reader.GetString(10), !reader.IsDBNull(11)));
        }

        return grants;
    }

    // A subject tag or passkey id; anything else (an address indexed from a registry before 2.4.0) is never listed.
    private static Digest? SubjectOf(DbDataReader reader, int column)
        => !reader.IsDBNull(column) && Digest.TryParse(reader.GetString(column), out var subject) ? subject : null;

    private List<IndexedEventRow> Query(string where, object value, EventPosition? after, int limit)
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        // Keyset paging in chain order: a page starts after the last (block, log index) of the one before, so rows the
        // indexer adds meanwhile neither shift nor repeat what a reader has seen.
        select.CommandText = $"""
            SELECT block_number, block_hash, tx_hash, log_index, block_time, name, record_id, grant_id, department, other_department, data
            FROM events WHERE {where} AND (block_number > @afterBlock OR (block_number = @afterBlock AND log_index > @afterLog))
            ORDER BY block_number, log_index LIMIT @limit
            """;
        select.Parameters.AddWithValue("@v", value);
        select.Parameters.AddWithValue("@afterBlock", after is { } a ? (long)a.BlockNumber : -1L);
        select.Parameters.AddWithValue("@afterLog", after?.LogIndex ?? -1L);
        select.Parameters.AddWithValue("@limit", limit);
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

        return rows;
    }

    private static void Insert(DbConnection connection, DbTransaction transaction, IndexedEvent e)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO events (block_number, block_hash, tx_hash, log_index, block_time, name, record_id, grant_id, department, other_department, data)
            VALUES (@block, @blockHash, @tx, @logIndex, @time, @name, @record, @grant, @department, @other, @data)
            """;
        insert.Parameters.AddWithValue("@block", (long)e.BlockNumber);
        insert.Parameters.AddWithValue("@blockHash", e.BlockHash);
        insert.Parameters.AddWithValue("@tx", e.TransactionHash);
        insert.Parameters.AddWithValue("@logIndex", e.LogIndex);
        insert.Parameters.AddWithValue("@time", e.BlockTime.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("@name", e.Name);
        insert.Parameters.AddWithValue("@record", e.RecordId is { } r ? r.ToArray() : DBNull.Value);
        insert.Parameters.AddWithValue("@grant", e.GrantId is { } g ? g : DBNull.Value);
        insert.Parameters.AddWithValue("@department", e.Department is { } d ? (long)d : DBNull.Value);
        insert.Parameters.AddWithValue("@other", e.OtherDepartment is { } o ? (long)o : DBNull.Value);
        insert.Parameters.AddWithValue("@data", JsonSerializer.Serialize(e.Data));
        insert.ExecuteNonQuery();
    }

    private static void ApplyToGrants(DbConnection connection, DbTransaction transaction, IndexedEvent e)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        switch (e.Name)
        {
            case "AccessGranted":
                command.CommandText = """
                    INSERT INTO grants (id, record_id, grantor, subject, grantee, purpose, expires_at, basis, legal_basis, block_number, tx_hash, revoked_block)
                    VALUES (@id, @record, @grantor, @subject, @grantee, @purpose, @expires, @basis, @legal, @block, @tx, NULL)
                    ON CONFLICT (id) DO UPDATE SET record_id = excluded.record_id, grantor = excluded.grantor, subject = excluded.subject,
                        grantee = excluded.grantee, purpose = excluded.purpose, expires_at = excluded.expires_at, basis = excluded.basis,
                        legal_basis = excluded.legal_basis, block_number = excluded.block_number, tx_hash = excluded.tx_hash, revoked_block = NULL
                    """;
                command.Parameters.AddWithValue("@id", e.GrantId!.Value);
                command.Parameters.AddWithValue("@record", e.RecordId!.Value.ToArray());
                command.Parameters.AddWithValue("@grantor", Convert.ToInt64(e.Data["grantorDepartment"], System.Globalization.CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("@subject", (object?)e.Data["subject"] ?? DBNull.Value);
                command.Parameters.AddWithValue("@grantee", (long)e.Department!.Value);
                command.Parameters.AddWithValue("@purpose", Convert.ToInt64(e.Data["purpose"], System.Globalization.CultureInfo.InvariantCulture));
                // The contract takes any uint64; beyond what a date can hold it is read as "never", not an overflow that stops the indexer.
                command.Parameters.AddWithValue("@expires", (long)Math.Min(Convert.ToUInt64(e.Data["expiresAt"], System.Globalization.CultureInfo.InvariantCulture), (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
                command.Parameters.AddWithValue("@basis", GrantBasisNames.Parse((string)e.Data["basis"]!));
                command.Parameters.AddWithValue("@legal", Digest.Parse((string)e.Data["legalBasis"]!).ToArray());
                command.Parameters.AddWithValue("@block", (long)e.BlockNumber);
                command.Parameters.AddWithValue("@tx", e.TransactionHash);
                break;
            case "GrantRevoked":
                command.CommandText = "UPDATE grants SET revoked_block = @block WHERE id = @id";
                command.Parameters.AddWithValue("@id", e.GrantId!.Value);
                command.Parameters.AddWithValue("@block", (long)e.BlockNumber);
                break;
            default:
                return;
        }

        command.ExecuteNonQuery();
    }

    private static (uint Grantor, uint Grantee)? GrantParties(DbConnection connection, DbTransaction transaction, long grantId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT grantor, grantee FROM grants WHERE id = @id";
        select.Parameters.AddWithValue("@id", grantId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ((uint)reader.GetInt64(0), (uint)reader.GetInt64(1)) : null;
    }

    private static void SaveCheckpoint(DbConnection connection, DbTransaction transaction, IndexCheckpoint checkpoint)
    {
        using var save = connection.CreateCommand();
        save.Transaction = transaction;
        save.CommandText = """
            INSERT INTO index_checkpoint (id, genesis_hash, block_number, block_hash) VALUES (1, @genesis, @block, @hash)
            ON CONFLICT (id) DO UPDATE SET genesis_hash = excluded.genesis_hash, block_number = excluded.block_number, block_hash = excluded.block_hash
            """;
        save.Parameters.AddWithValue("@genesis", checkpoint.GenesisHash);
        save.Parameters.AddWithValue("@block", (long)checkpoint.BlockNumber);
        save.Parameters.AddWithValue("@hash", checkpoint.BlockHash);
        save.ExecuteNonQuery();
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql, ulong block)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@b", (long)block);
        command.ExecuteNonQuery();
    }

    // One writing connection, again after the server dropped it (a PostgreSQL restart); the caller holds _writeLock.
    private DbConnection Writer()
    {
        if (_writer is { State: not System.Data.ConnectionState.Open })
        {
            _writer.Dispose();
            _writer = null;
        }

        return _writer ??= database.Connect();
    }
}

/// <summary>The last block the index has read, with its hash and the chain's genesis hash.</summary>
public sealed record IndexCheckpoint(string GenesisHash, ulong BlockNumber, string BlockHash);

/// <summary>Where an event stands in chain order: its block and its index among the block's logs.</summary>
public readonly record struct EventPosition(ulong BlockNumber, long LogIndex);

/// <summary>An indexed event as the audit timeline shows it.</summary>
public sealed record IndexedEventRow(
    string Event, ulong BlockNumber, string BlockHash, string TransactionHash, long LogIndex, DateTimeOffset BlockTime,
    Digest? RecordId, long? GrantId, uint? Department, uint? OtherDepartment, JsonElement Data);

/// <summary>A grant as indexed from its events.</summary>
public sealed record IndexedGrant(
    long Id, Digest RecordId, uint GrantorDepartment, Digest? Subject, uint GranteeDepartment, ushort Purpose,
    DateTimeOffset ExpiresAt, string Basis, Digest LegalBasis, ulong BlockNumber, string TransactionHash, bool Revoked);
