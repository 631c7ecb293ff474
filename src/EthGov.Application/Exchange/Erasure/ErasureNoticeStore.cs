using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Erasure;

/// <summary>
/// The holder's erasure notices (table <c>erasure_notices</c>): one per erased record and grantee department that the
/// release journal shows received it, written in the same transaction that drops the journal's sealed copies of the
/// record, and kept until the grantee's node acknowledges. Enqueueing reads what is erased from the record store and
/// what was released from the journal, so it can be run again at any time (after a crash between an erasure and its
/// notices, say) and only adds what is missing.
/// </summary>
public sealed class ErasureNoticeStore(Database database, TimeProvider? time = null)
{
    private const string Columns = "id, record_id, holder, grantee, erased_at, state, attempts, next_attempt_at, error, answered_at, grantee_erased_at";

    // A notice for each grantee of a release of the record, or of a kind query of its kind answered before the erasure (its
    // answer may hold the record); and the journal's sealed answers of those releases, dropped: a release kept for a retry
    // before the grantee's receipt is refused as erased from then on.
    private const string InsertSql = """
        INSERT INTO erasure_notices (record_id, holder, grantee, erased_at, state, attempts, next_attempt_at, created_at)
        SELECT DISTINCT r.digest, r.department, j.grantee, r.erased_at, 0, 0, @now, @now
        FROM records r JOIN releases j ON j.holder = r.department
             AND (j.record_id = r.digest OR (j.record_id = r.kind_id AND j.query_digest IS NOT NULL AND j.released_at <= r.erased_at))
        WHERE r.erased_at IS NOT NULL AND r.origin = 'issued' AND r.digest = coalesce(@digest, r.digest)
        ON CONFLICT (record_id, grantee) DO NOTHING
        """;

    private const string DropSql = """
        UPDATE releases SET enc = @empty, ciphertext = @empty
        WHERE length(ciphertext) > 0 AND EXISTS (
            SELECT 1 FROM records r
            WHERE r.erased_at IS NOT NULL AND r.origin = 'issued' AND r.department = releases.holder
              AND r.digest = coalesce(@digest, r.digest)
              AND (r.digest = releases.record_id
                   OR (r.kind_id = releases.record_id AND releases.query_digest IS NOT NULL AND releases.released_at <= r.erased_at)));
        """;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Writes the notices of the erased record <paramref name="recordId"/> (or of every erased record when null) and drops
    /// the journal's sealed copies of it, in one transaction; returns how many notices were added.
    /// </summary>
    public Task<int> EnqueueAsync(Digest? recordId, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            using var connection = database.Connect();
            using var transaction = database.Dialect.BeginWrite(connection);
            var digest = recordId is { } d ? d.ToArray() : (object)DBNull.Value;
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            insert.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("@digest", digest);
            int added = insert.ExecuteNonQuery();
            using var drop = connection.CreateCommand();
            drop.Transaction = transaction;
            drop.CommandText = DropSql;
            drop.Parameters.AddWithValue("@digest", digest);
            drop.Parameters.AddWithValue("@empty", Array.Empty<byte>());
            drop.ExecuteNonQuery();
            transaction.Commit();
            return added;
        }, cancellationToken);

    /// <summary>Pending notices due by <paramref name="now"/>, most overdue first.</summary>
    public IReadOnlyList<ErasureNoticeRecord> Due(DateTimeOffset now, int limit)
        => Select("WHERE state = 0 AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit",
            ("@now", now.ToUnixTimeMilliseconds()), ("@limit", limit));

    /// <summary>When the next pending notice is due, or null when none is pending.</summary>
    public DateTimeOffset? NextDue()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(next_attempt_at) FROM erasure_notices WHERE state = 0";
        return command.ExecuteScalar() is long at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
    }

    /// <summary>Every notice of <paramref name="recordId"/>, oldest first: the erasure's part of the record's timeline.</summary>
    public IReadOnlyList<ErasureNoticeRecord> ForRecord(Digest recordId)
        => Select("WHERE record_id = @record ORDER BY id", ("@record", recordId.ToArray()));

    /// <summary>The notice with <paramref name="id"/>, or null.</summary>
    public ErasureNoticeRecord? Get(long id) => Select("WHERE id = @id", ("@id", id)).FirstOrDefault();

    /// <summary>The grantee's node answered for good: the notice ends in <paramref name="state"/>; false when it had already ended.</summary>
    public bool Answer(long id, ErasureNoticeState state, DateTimeOffset? granteeErasedAt)
    {
        if (state == ErasureNoticeState.Pending)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An answer ends the notice.");
        }

        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE erasure_notices SET state = @state, answered_at = @now, grantee_erased_at = @erased, error = NULL
            WHERE id = @id AND state = 0
            """;
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@state", (int)state);
        command.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@erased", granteeErasedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Records a failed attempt and when to send the notice again.</summary>
    public void Postpone(long id, int attempts, DateTimeOffset nextAttemptAt, string error)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE erasure_notices SET attempts = @attempts, next_attempt_at = @next, error = @error WHERE id = @id AND state = 0";
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@attempts", attempts);
        command.Parameters.AddWithValue("@next", nextAttemptAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@error", error.Length > 300 ? error[..300] : error);
        command.ExecuteNonQuery();
    }

    private List<ErasureNoticeRecord> Select(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM erasure_notices {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var found = new List<ErasureNoticeRecord>();
        while (reader.Read())
        {
            found.Add(new ErasureNoticeRecord(
                reader.GetInt64(0),
                new Digest((byte[])reader[1]),
                (uint)reader.GetInt64(2),
                (uint)reader.GetInt64(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                (ErasureNoticeState)reader.GetInt32(5),
                reader.GetInt32(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10))));
        }

        return found;
    }
}
