using System.Data.Common;
using System.Globalization;
using System.Numerics;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// The holder's own journal of releases (table <c>releases</c>): one row per access entry, committed before the answer
/// leaves, holding the sealed answer so that a retry before the grantee's receipt gets the same release, and counting the
/// fetches of each grant. What it holds is what the holder can show an auditor next to the chain's access log.
/// </summary>
public sealed class ReleaseJournal : IDisposable
{
    private const string Columns = """
        entry_hash, request_id, grant_id, record_id, holder, grantee, query_digest, log_root, log_block, content_digest,
        media_type, enc, ciphertext, released_at, acknowledged_at, log_proof
        """;

    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly GroupCommit _writes;

    /// <summary>The journal in <paramref name="database"/>; its one writer starts now.</summary>
    public ReleaseJournal(Database database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
        _writes = new GroupCommit(database.Connect, database.Dialect, ownsConnections: true);
    }

    /// <summary>The release journaled for the entry <paramref name="entryHash"/>, or null.</summary>
    public Task<JournaledRelease?> FindAsync(Digest entryHash, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            using var connection = _database.Connect();
            return Find(connection, null, "entry_hash = @key", ("@key", entryHash.ToArray()));
        }, cancellationToken);

    /// <summary>The release journaled for <paramref name="grantee"/>'s request <paramref name="requestId"/>, or null.</summary>
    public Task<JournaledRelease?> FindByRequestAsync(uint grantee, Digest requestId, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            using var connection = _database.Connect();
            return Find(connection, null, "grantee = @grantee AND request_id = @key", ("@key", requestId.ToArray()), ("@grantee", (long)grantee));
        }, cancellationToken);

    /// <summary>In one read: the release journaled for <paramref name="entryHash"/> (or null), and the fetches used of <paramref name="grantId"/>.</summary>
    public Task<(JournaledRelease? Journaled, int Fetches)> StateAsync(Digest entryHash, BigInteger grantId, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            using var connection = _database.Connect();
            return (Find(connection, null, "entry_hash = @key", ("@key", entryHash.ToArray())), FetchCount(connection, null, grantId));
        }, cancellationToken);

    /// <summary>How many releases were journaled under <paramref name="grantId"/>: the grant's fetches used.</summary>
    public Task<int> FetchCountAsync(BigInteger grantId, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            using var connection = _database.Connect();
            return FetchCount(connection, null, grantId);
        }, cancellationToken);

    /// <summary>Every release of <paramref name="recordId"/> (a record, or a kind), oldest first: the journal's part of its timeline.</summary>
    public Task<IReadOnlyList<JournaledRelease>> ForRecordAsync(Digest recordId, CancellationToken cancellationToken = default)
        => Task.Run<IReadOnlyList<JournaledRelease>>(() =>
        {
            using var connection = _database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM releases WHERE record_id = @record ORDER BY id";
            command.Parameters.AddWithValue("@record", recordId.ToArray());
            using var reader = command.ExecuteReader();
            var found = new List<JournaledRelease>();
            while (reader.Read())
            {
                found.Add(Read(reader));
            }

            return found;
        }, cancellationToken);

    /// <summary>
    /// Journals <paramref name="release"/> and commits, unless its entry is journaled already (that release is given
    /// back), the grantee used its request id for another entry, or the grant has <paramref name="maxFetches"/> releases
    /// already. Appends are written by one writer in immediate transactions, so concurrent requests cannot pass the limit;
    /// the appends waiting when a transaction starts share it and its one sync to disk (group commit), and each is
    /// answered only after that commit.
    /// </summary>
    public Task<JournalAppend> AppendAsync(JournaledRelease release, int maxFetches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        cancellationToken.ThrowIfCancellationRequested();
        return _writes.WriteAsync((connection, transaction) => Append(connection, transaction, release, maxFetches));
    }

    /// <summary>Stops the writer once the writes already queued are committed.</summary>
    public void Dispose() => _writes.Dispose();

    // Inside the writer's transaction: earlier appends of the same transaction are seen, so two requests for one entry or
    // one grant in the same commit are judged one after the other.
    private static JournalAppend Append(DbConnection connection, DbTransaction transaction, JournaledRelease release, int maxFetches)
    {
        if (Find(connection, transaction, "entry_hash = @key", ("@key", release.EntryHash.ToArray())) is { } existing)
        {
            return new JournalAppend(JournalAppendOutcome.AlreadyJournaled, existing);
        }

        if (Find(connection, transaction, "grantee = @grantee AND request_id = @key", ("@key", release.RequestId.ToArray()), ("@grantee", (long)release.Grantee)) is not null)
        {
            return new JournalAppend(JournalAppendOutcome.RequestIdTaken, null);
        }

        if (FetchCount(connection, transaction, release.GrantId) >= maxFetches)
        {
            return new JournalAppend(JournalAppendOutcome.FetchLimitReached, null);
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO releases ({Columns})
            VALUES (@entry, @request, @grant, @record, @holder, @grantee, @query, @root, @block, @content, @media, @enc, @ciphertext, @released, NULL, @proof)
            """;
        command.Parameters.AddWithValue("@entry", release.EntryHash.ToArray());
        command.Parameters.AddWithValue("@request", release.RequestId.ToArray());
        command.Parameters.AddWithValue("@grant", release.GrantId.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@record", release.RecordId.ToArray());
        command.Parameters.AddWithValue("@holder", (long)release.Holder);
        command.Parameters.AddWithValue("@grantee", (long)release.Grantee);
        command.Parameters.AddWithValue("@query", release.QueryDigest is { } q ? q.ToArray() : DBNull.Value);
        command.Parameters.AddWithValue("@root", release.LogRoot.ToArray());
        command.Parameters.AddWithValue("@block", checked((long)release.LogBlock));
        command.Parameters.AddWithValue("@content", release.ContentDigest.ToArray());
        command.Parameters.AddWithValue("@media", release.MediaType);
        command.Parameters.AddWithValue("@enc", release.Enc);
        command.Parameters.AddWithValue("@ciphertext", release.Ciphertext);
        command.Parameters.AddWithValue("@released", release.ReleasedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@proof", DigestSequence.Pack(release.LogProof));
        command.ExecuteNonQuery();
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = """
            INSERT INTO release_fetches (grant_id, fetches) VALUES (@grant, 1)
            ON CONFLICT (grant_id) DO UPDATE SET fetches = release_fetches.fetches + 1
            """;
        count.Parameters.AddWithValue("@grant", release.GrantId.ToString(CultureInfo.InvariantCulture));
        count.ExecuteNonQuery();
        return new JournalAppend(JournalAppendOutcome.Appended, release);
    }

    /// <summary>
    /// Records <paramref name="grantee"/>'s receipts of releases by <paramref name="holder"/>: each release named is marked
    /// acknowledged (once; a second receipt keeps the first time) when its content digest matches, and every receipt gets
    /// its answer, in order.
    /// </summary>
    /// <remarks>All of them in one commit, shared with the other writes waiting for one (group commit).</remarks>
    public Task<IReadOnlyList<ReceiptAnswer>> AcknowledgeAsync(uint grantee, uint holder, IReadOnlyList<ReleaseReceipt> receipts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        cancellationToken.ThrowIfCancellationRequested();
        return _writes.WriteAsync<IReadOnlyList<ReceiptAnswer>>((connection, transaction) =>
        {
            var answers = new List<ReceiptAnswer>(receipts.Count);
            foreach (var receipt in receipts)
            {
                answers.Add(Acknowledge(connection, transaction, grantee, holder, receipt));
            }

            return answers;
        });
    }

    private ReceiptAnswer Acknowledge(DbConnection connection, DbTransaction? transaction, uint grantee, uint holder, ReleaseReceipt receipt)
    {
        var key = ("@key", (object)receipt.RequestId.ToArray());
        var release = Find(connection, transaction, "grantee = @grantee AND request_id = @key", key, ("@grantee", (long)grantee));
        if (release is null || release.Holder != holder)
        {
            return new ReceiptAnswer(receipt.RequestId, ReceiptAnswer.NotFound, null, $"department {holder} gave department {grantee} no release of request {receipt.RequestId}");
        }

        if (release.ContentDigest != receipt.ContentDigest)
        {
            return new ReceiptAnswer(receipt.RequestId, ReceiptAnswer.ContentMismatch, null,
                $"the receipt names content {receipt.ContentDigest}, and the release was of {release.ContentDigest}");
        }

        if (release.AcknowledgedAt is { } already)
        {
            return new ReceiptAnswer(receipt.RequestId, ReceiptAnswer.Acknowledged, already, null);
        }

        var now = _time.GetUtcNow();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE releases SET acknowledged_at = @now WHERE grantee = @grantee AND request_id = @key AND acknowledged_at IS NULL";
        command.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@grantee", (long)grantee);
        command.Parameters.AddWithValue(key.Item1, key.Item2);
        command.ExecuteNonQuery();
        return new ReceiptAnswer(receipt.RequestId, ReceiptAnswer.Acknowledged, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), null);
    }

    // The grant's releases, kept as a counter beside the rows (table release_fetches) so that checking the limit costs
    // one lookup however many releases the grant has had.
    private static int FetchCount(DbConnection connection, DbTransaction? transaction, BigInteger grantId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT fetches FROM release_fetches WHERE grant_id = @grant";
        command.Parameters.AddWithValue("@grant", grantId.ToString(CultureInfo.InvariantCulture));
        return command.ExecuteScalar() is { } fetches ? Convert.ToInt32(fetches, CultureInfo.InvariantCulture) : 0;
    }

    private static JournaledRelease? Find(DbConnection connection, DbTransaction? transaction, string where, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM releases WHERE {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static JournaledRelease Read(DbDataReader reader) => new(
        new Digest((byte[])reader[0]),
        new Digest((byte[])reader[1]),
        BigInteger.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
        new Digest((byte[])reader[3]),
        (uint)reader.GetInt64(4),
        (uint)reader.GetInt64(5),
        reader.IsDBNull(6) ? null : new Digest((byte[])reader[6]),
        new Digest((byte[])reader[7]),
        (ulong)reader.GetInt64(8),
        new Digest((byte[])reader[9]),
        reader.GetString(10),
        (byte[])reader[11],
        (byte[])reader[12],
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        reader.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)))
    {
        LogProof = reader.IsDBNull(15) ? [] : DigestSequence.Unpack((byte[])reader[15]),
        HasLogProof = !reader.IsDBNull(15),
    };
}
