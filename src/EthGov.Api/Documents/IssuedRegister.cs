using System.Data.Common;
using EthGov.Api.Outbox;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// The department's register of what its node anchored (<c>documents</c> with their labels from <c>issued_documents</c>, where they have any), newest
/// first, searched by <see cref="IssuedDocumentFilter"/>. The status of each row comes from the outbox while it is on
/// its way, then from the node's index of the chain's events (revoked, superseded) and its validity end (expired).
/// A status filter is applied after the read, so one page reads at most <see cref="ScanBudget"/> rows: a rare status
/// gives short pages with a next link rather than one slow answer.
/// </summary>
public sealed class IssuedRegister(Database database, DocumentIndex index, BatchStore batches, TimeProvider time)
{
    /// <summary>The most rows one page reads.</summary>
    public const int ScanBudget = 5_000;

    private const int Chunk = 500;

    /// <summary>
    /// Up to <paramref name="wanted"/> documents of <paramref name="departmentId"/> older than the row
    /// <paramref name="before"/> (null: from the newest), and the row the next page starts before (null: no more).
    /// </summary>
    public (IReadOnlyList<IssuedDocumentResponse> Items, long? Next) Page(uint departmentId, IssuedDocumentFilter filter, long? before, int wanted)
    {
        using var connection = database.Connect();
        var items = new List<IssuedDocumentResponse>(wanted);
        var cursor = before ?? long.MaxValue;
        var scanned = 0;
        while (true)
        {
            var rows = Read(connection, departmentId, filter, cursor, Chunk);
            foreach (var row in rows)
            {
                scanned++;
                cursor = row.Id;
                if (Describe(row) is { } item && (filter.Status is null || item.Status == filter.Status))
                {
                    items.Add(item);
                    if (items.Count == wanted)
                    {
                        return (items, More(connection, departmentId, filter, cursor) ? cursor : null);
                    }
                }
            }

            if (rows.Count < Chunk)
            {
                return (items, null);
            }

            if (scanned >= ScanBudget)
            {
                return (items, cursor);
            }
        }
    }

    /// <summary>Every document of <paramref name="departmentId"/> the filter keeps, newest first, read a chunk at a time.</summary>
    public IEnumerable<IssuedDocumentResponse> All(uint departmentId, IssuedDocumentFilter filter)
    {
        using var connection = database.Connect();
        var cursor = long.MaxValue;
        while (true)
        {
            var rows = Read(connection, departmentId, filter, cursor, Chunk);
            foreach (var row in rows)
            {
                cursor = row.Id;
                if (Describe(row) is { } item && (filter.Status is null || item.Status == filter.Status))
                {
                    yield return item;
                }
            }

            if (rows.Count < Chunk)
            {
                yield break;
            }
        }
    }

    /// <summary>How many documents the filter keeps before its status part (an upper bound of what <see cref="All"/> yields).</summary>
    public long Count(uint departmentId, IssuedDocumentFilter filter)
    {
        using var connection = database.Connect();
        using var command = Command(connection, "count(*)", departmentId, filter, long.MaxValue, null);
        return (long)command.ExecuteScalar()!;
    }

    private bool More(DbConnection connection, uint departmentId, IssuedDocumentFilter filter, long cursor)
        => Read(connection, departmentId, filter, cursor, 1).Count > 0;

    private List<Row> Read(DbConnection connection, uint departmentId, IssuedDocumentFilter filter, long before, int limit)
    {
        using var command = Command(connection, """
            d.id, d.digest, d.valid_until, d.accepted_at, i.file_name, i.reference, i.kind,
            EXISTS (SELECT 1 FROM events e WHERE e.record_id = d.digest AND e.department = d.department AND e.name IN ('DocumentRevoked', 'LegacyDocumentRevoked')),
            EXISTS (SELECT 1 FROM events e WHERE e.record_id = d.digest AND e.department = d.department AND e.name = 'DocumentSuperseded')
            """, departmentId, filter, before, limit);
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            var digest = (byte[])reader.GetValue(1);
            if (digest.Length != Digest.Size)
            {
                continue;
            }

            rows.Add(new Row(reader.GetInt64(0), new Digest(digest), (ulong)reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                Flag(reader, 7), Flag(reader, 8)));
        }

        return rows;
    }

    // An EXISTS column: an integer in SQLite, a boolean in PostgreSQL.
    private static bool Flag(DbDataReader reader, int ordinal) => Convert.ToBoolean(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private DbCommand Command(DbConnection connection, string columns, uint departmentId, IssuedDocumentFilter filter, long before, int? limit)
    {
        var command = connection.CreateCommand();
        var where = new List<string> { "d.department = @department", "d.id < @before" };
        command.Parameters.AddWithValue("@department", (long)departmentId);
        command.Parameters.AddWithValue("@before", before);
        if (filter.From is { } from)
        {
            where.Add("d.accepted_at >= @from");
            command.Parameters.AddWithValue("@from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            where.Add("d.accepted_at <= @to");
            command.Parameters.AddWithValue("@to", to.ToUnixTimeMilliseconds());
        }

        if (filter.ContainsPattern is { } pattern)
        {
            var like = database.Dialect.CaseInsensitiveLike;
            var text = $"i.file_name {like} @text ESCAPE '\\' OR i.reference {like} @text ESCAPE '\\'";
            command.Parameters.AddWithValue("@text", pattern);
            if (filter.DigestPrefix is { } prefix)
            {
                text = $"substr({database.Dialect.UpperHex("d.digest")}, 1, length(@prefix)) = @prefix OR " + text;
                command.Parameters.AddWithValue("@prefix", prefix);
            }

            where.Add($"({text})");
        }

        command.CommandText = $"""
            SELECT {columns} FROM documents d LEFT JOIN issued_documents i ON i.document_id = d.id
            WHERE {string.Join(" AND ", where)}{(limit is { } n ? $" ORDER BY d.id DESC LIMIT {n}" : string.Empty)}
            """;
        return command;
    }

    private IssuedDocumentResponse? Describe(Row row)
    {
        var url = "/api/v1/documents/" + row.Digest;
        var status = !index.TryGet(row.Digest, out var entry) ? IssuedStatus.Pending
            : batches.Get(entry.BatchId)?.State switch
            {
                BatchState.Confirmed => row.Revoked ? IssuedStatus.Revoked
                    : row.Superseded ? IssuedStatus.Superseded
                    : row.ValidUntil != 0 && row.ValidUntil <= (ulong)time.GetUtcNow().ToUnixTimeSeconds() ? IssuedStatus.Expired
                    : IssuedStatus.Valid,
                BatchState.Failed => IssuedStatus.Failed,
                _ => IssuedStatus.Pending,
            };
        var anchored = status is not (IssuedStatus.Pending or IssuedStatus.Failed);
        return new IssuedDocumentResponse(row.Digest, status, DateTimeOffset.FromUnixTimeMilliseconds(row.AcceptedAtMs),
            row.ValidUntil == 0 ? null : DateTimeOffset.FromUnixTimeSeconds((long)row.ValidUntil), row.FileName, row.Reference, row.Kind,
            url, anchored ? url + "/receipt" : null, anchored ? url + "/qr" : null);
    }

    private sealed record Row(long Id, Digest Digest, ulong ValidUntil, long AcceptedAtMs, string? FileName, string? Reference, string? Kind, bool Revoked, bool Superseded);
}
