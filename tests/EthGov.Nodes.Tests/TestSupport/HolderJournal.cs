using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Testing;
using Microsoft.Data.Sqlite;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>
/// The holder's journal of releases (table <c>releases</c> in its node's database), read beside the running node as an
/// auditor with access to the holder's data directory reads it: read-only, never written.
/// </summary>
public static class HolderJournal
{
    /// <summary>One journaled release, as much of it as the tests look at.</summary>
    public sealed record Row(Digest EntryHash, Digest RequestId, string GrantId, Digest RecordId, uint Grantee, Digest? QueryDigest, Digest LogRoot, Digest ContentDigest, bool Acknowledged);

    /// <summary>Every release <paramref name="holder"/>'s node journaled for the request <paramref name="requestId"/> or in the log <paramref name="logRoot"/>.</summary>
    public static IReadOnlyList<Row> Releases(ClusterNode holder, Digest requestId, Digest logRoot)
    {
        var path = Path.Combine(holder.Settings.DataDirectory, Database.FileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT entry_hash, request_id, grant_id, record_id, grantee, query_digest, log_root, content_digest, acknowledged_at
            FROM releases WHERE request_id = $request OR log_root = $root ORDER BY id
            """;
        command.Parameters.AddWithValue("$request", requestId.ToArray());
        command.Parameters.AddWithValue("$root", logRoot.ToArray());
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row(
                new Digest((byte[])reader[0]), new Digest((byte[])reader[1]), reader.GetString(2), new Digest((byte[])reader[3]), (uint)reader.GetInt64(4),
                reader.IsDBNull(5) ? null : new Digest((byte[])reader[5]), new Digest((byte[])reader[6]), new Digest((byte[])reader[7]), !reader.IsDBNull(8)));
        }

        return rows;
    }
}
