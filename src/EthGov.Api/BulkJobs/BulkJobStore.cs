using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.BulkJobs;

/// <summary>
/// The <c>bulk_jobs</c> and <c>bulk_job_items</c> tables. Items are recorded after the outbox accepted them, with their
/// job's counters in the same transaction; a digest is a job's item once, so a chunk recorded twice counts once.
/// </summary>
public sealed class BulkJobStore(Database database)
{
    private const string Columns = "id, department, owner, kind, name, total, received, accepted, failed, state, created_at, updated_at";

    /// <summary>
    /// Makes an open job, unless <paramref name="department"/> already has <paramref name="maxOpen"/> open ones (then null);
    /// deletes the department's oldest finished jobs past <paramref name="maxKept"/>, with their items.
    /// </summary>
    public BulkJob? Create(string department, string owner, string kind, string? name, int total, DateTimeOffset now, int maxOpen, int maxKept)
    {
        using var connection = database.Connect();
        using var transaction = database.Dialect.BeginWrite(connection);
        using (var count = Command(connection, transaction, "SELECT count(*) FROM bulk_jobs WHERE department = @department AND state = @open"))
        {
            count.Parameters.AddWithValue("@department", department);
            count.Parameters.AddWithValue("@open", BulkJobStates.Open);
            if ((long)count.ExecuteScalar()! >= maxOpen)
            {
                return null;
            }
        }

        BulkJob job;
        using (var insert = Command(connection, transaction, $"""
            INSERT INTO bulk_jobs (department, owner, kind, name, total, state, created_at, updated_at)
            VALUES (@department, @owner, @kind, @name, @total, @open, @now, @now)
            RETURNING {Columns}
            """))
        {
            insert.Parameters.AddWithValue("@department", department);
            insert.Parameters.AddWithValue("@owner", owner);
            insert.Parameters.AddWithValue("@kind", kind);
            insert.Parameters.AddWithValue("@name", (object?)name ?? DBNull.Value);
            insert.Parameters.AddWithValue("@total", total);
            insert.Parameters.AddWithValue("@open", BulkJobStates.Open);
            insert.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
            using var reader = insert.ExecuteReader();
            reader.Read();
            job = Read(reader);
        }

        using (var prune = Command(connection, transaction, """
            DELETE FROM bulk_job_items WHERE job_id IN (SELECT id FROM bulk_jobs WHERE department = @department AND state <> @open
                AND id NOT IN (SELECT id FROM bulk_jobs WHERE department = @department ORDER BY id DESC LIMIT @kept));
            DELETE FROM bulk_jobs WHERE department = @department AND state <> @open
                AND id NOT IN (SELECT id FROM bulk_jobs WHERE department = @department ORDER BY id DESC LIMIT @kept);
            """))
        {
            prune.Parameters.AddWithValue("@department", department);
            prune.Parameters.AddWithValue("@open", BulkJobStates.Open);
            prune.Parameters.AddWithValue("@kept", maxKept);
            prune.ExecuteNonQuery();
        }

        transaction.Commit();
        return job;
    }

    /// <summary>The job with <paramref name="id"/>, or null.</summary>
    public BulkJob? Get(long id)
    {
        using var connection = database.Connect();
        using var select = Command(connection, null, $"SELECT {Columns} FROM bulk_jobs WHERE id = @id");
        select.Parameters.AddWithValue("@id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The newest <paramref name="limit"/> jobs of <paramref name="owner"/> in <paramref name="department"/>, in <paramref name="state"/> when given.</summary>
    public IReadOnlyList<BulkJob> List(string department, string owner, string? state, int limit)
    {
        using var connection = database.Connect();
        using var select = Command(connection, null, $"""
            SELECT {Columns} FROM bulk_jobs WHERE department = @department AND owner = @owner{(state is null ? string.Empty : " AND state = @state")}
            ORDER BY id DESC LIMIT @limit
            """);
        select.Parameters.AddWithValue("@department", department);
        select.Parameters.AddWithValue("@owner", owner);
        select.Parameters.AddWithValue("@limit", limit);
        if (state is not null)
        {
            select.Parameters.AddWithValue("@state", state);
        }

        using var reader = select.ExecuteReader();
        var jobs = new List<BulkJob>();
        while (reader.Read())
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    /// <summary>Which of <paramref name="digests"/> job <paramref name="jobId"/> holds already.</summary>
    public HashSet<Digest> Held(long jobId, IReadOnlyCollection<Digest> digests)
    {
        using var connection = database.Connect();
        using var select = Command(connection, null, "SELECT 1 FROM bulk_job_items WHERE job_id = @job AND digest = @digest");
        select.Parameters.AddWithValue("@job", jobId);
        var digest = select.Parameters.Add("@digest", System.Data.DbType.Binary);
        var held = new HashSet<Digest>();
        foreach (var d in digests)
        {
            digest.Value = d.ToArray();
            if (select.ExecuteScalar() is not null)
            {
                held.Add(d);
            }
        }

        return held;
    }

    /// <summary>
    /// Records <paramref name="items"/> (outcome accepted, known or failed) in job <paramref name="jobId"/> and counts
    /// those it did not hold yet; the job is done once it holds its total. Returns the job as it stands after.
    /// </summary>
    public BulkJob Record(long jobId, IReadOnlyList<(Digest Digest, string? FileName, string Outcome, string? Error)> items, DateTimeOffset now)
    {
        using var connection = database.Connect();
        using var transaction = database.Dialect.BeginWrite(connection);
        int accepted = 0;
        int failed = 0;
        using (var insert = Command(connection, transaction, """
            INSERT INTO bulk_job_items (job_id, digest, file_name, outcome, error) VALUES (@job, @digest, @fileName, @outcome, @error)
            ON CONFLICT (job_id, digest) DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue("@job", jobId);
            var digest = insert.Parameters.Add("@digest", System.Data.DbType.Binary);
            var fileName = insert.Parameters.Add("@fileName", System.Data.DbType.String);
            var outcome = insert.Parameters.Add("@outcome", System.Data.DbType.String);
            var error = insert.Parameters.Add("@error", System.Data.DbType.String);
            foreach (var item in items)
            {
                digest.Value = item.Digest.ToArray();
                fileName.Value = (object?)item.FileName ?? DBNull.Value;
                outcome.Value = item.Outcome;
                error.Value = (object?)item.Error ?? DBNull.Value;
                if (insert.ExecuteNonQuery() == 1)
                {
                    _ = item.Outcome == BulkItemOutcomes.Failed ? failed++ : accepted++;
                }
            }
        }

        using var update = Command(connection, transaction, $"""
            UPDATE bulk_jobs SET received = received + @accepted + @failed, accepted = accepted + @accepted, failed = failed + @failed, updated_at = @now,
                state = CASE WHEN state = @open AND received + @accepted + @failed >= total THEN @done ELSE state END
            WHERE id = @job
            RETURNING {Columns}
            """);
        update.Parameters.AddWithValue("@accepted", accepted);
        update.Parameters.AddWithValue("@failed", failed);
        update.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("@open", BulkJobStates.Open);
        update.Parameters.AddWithValue("@done", BulkJobStates.Done);
        update.Parameters.AddWithValue("@job", jobId);
        BulkJob job;
        using (var reader = update.ExecuteReader())
        {
            reader.Read();
            job = Read(reader);
        }

        transaction.Commit();
        return job;
    }

    /// <summary>Up to <paramref name="limit"/> items of job <paramref name="jobId"/> after the item numbered <paramref name="after"/>, in order, with their numbers.</summary>
    public IReadOnlyList<(long Number, BulkJobItemResponse Item)> Items(long jobId, long after, int limit)
    {
        using var connection = database.Connect();
        using var select = Command(connection, null, """
            SELECT id, digest, file_name, outcome, error FROM bulk_job_items WHERE job_id = @job AND id > @after ORDER BY id LIMIT @limit
            """);
        select.Parameters.AddWithValue("@job", jobId);
        select.Parameters.AddWithValue("@after", after);
        select.Parameters.AddWithValue("@limit", limit);
        using var reader = select.ExecuteReader();
        var items = new List<(long, BulkJobItemResponse)>();
        while (reader.Read())
        {
            items.Add((reader.GetInt64(0), new BulkJobItemResponse(
                new Digest((byte[])reader.GetValue(1)), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4))));
        }

        return items;
    }

    /// <summary>Gives up an open job; false when it was no longer open.</summary>
    public bool Abandon(long id, DateTimeOffset now)
    {
        using var connection = database.Connect();
        using var update = Command(connection, null, "UPDATE bulk_jobs SET state = @abandoned, updated_at = @now WHERE id = @id AND state = @open");
        update.Parameters.AddWithValue("@abandoned", BulkJobStates.Abandoned);
        update.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@open", BulkJobStates.Open);
        return update.ExecuteNonQuery() == 1;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static BulkJob Read(DbDataReader reader)
        => new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetString(9),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)));
}
