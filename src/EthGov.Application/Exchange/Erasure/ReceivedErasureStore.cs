using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Application.Exchange.Erasure;

/// <summary>
/// The grantee's side of erasure, in the node's database: the holders' notices it acted on (table
/// <c>received_erasures</c>, so a repeated notice gets the first answer), and which exchanges had their content erased,
/// when and why (table <c>exchange_erasures</c>: a holder's notice, the grant's retention, a view-once grant's one view).
/// </summary>
public sealed class ReceivedErasureStore(Database database, TimeProvider? time = null)
{
    /// <summary>Cause of an exchange's erasure: the holder erased the record and said so.</summary>
    public const string ByHolder = "holder";

    /// <summary>Cause of an exchange's erasure: the grant's retention ended (store), or its one view was made or never came (view once).</summary>
    public const string ByGrantTerms = "grant-terms";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// The ids of <paramref name="grantee"/>'s exchanges from <paramref name="holder"/> that may hold
    /// <paramref name="recordId"/>: those that asked for it, and the verified kind queries (their answer may list it).
    /// </summary>
    public IReadOnlyList<long> CandidateExchanges(uint grantee, uint holder, Digest recordId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id FROM exchanges
            WHERE department = @grantee AND holder = @holder AND (record_id = @record OR (sealed_query IS NOT NULL AND state = 3))
            ORDER BY id
            """;
        command.Parameters.AddWithValue("@grantee", (long)grantee);
        command.Parameters.AddWithValue("@holder", (long)holder);
        command.Parameters.AddWithValue("@record", recordId.ToArray());
        return ReadIds(command);
    }

    /// <summary>The digests of the received records first kept by the exchange <paramref name="exchangeId"/> (its id on this node, as text).</summary>
    public IReadOnlyList<Digest> RecordsOfExchange(string exchangeId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT digest FROM records WHERE exchange_id = @exchange AND origin = 'received'";
        command.Parameters.AddWithValue("@exchange", exchangeId);
        using var reader = command.ExecuteReader();
        var found = new List<Digest>();
        while (reader.Read())
        {
            found.Add(new Digest((byte[])reader[0]));
        }

        return found;
    }

    /// <summary>The notice acted on for this record, holder and grantee, or null.</summary>
    public ReceivedErasure? Find(Digest recordId, uint holder, uint grantee)
        => Select("WHERE record_id = @record AND holder = @holder AND grantee = @grantee",
            ("@record", recordId.ToArray()), ("@holder", (long)holder), ("@grantee", (long)grantee)).FirstOrDefault();

    /// <summary>Every notice acted on for <paramref name="recordId"/>, oldest first.</summary>
    public IReadOnlyList<ReceivedErasure> ForRecord(Digest recordId) => Select("WHERE record_id = @record ORDER BY id", ("@record", recordId.ToArray()));

    /// <summary>Records <paramref name="erasure"/>, unless one for the same record, holder and grantee is recorded: that one is given back.</summary>
    public ReceivedErasure Add(ReceivedErasure erasure)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO received_erasures (record_id, holder, grantee, holder_erased_at, erased_at, request_ids)
            VALUES (@record, @holder, @grantee, @holderErasedAt, @erasedAt, @requests)
            ON CONFLICT (record_id, holder, grantee) DO NOTHING
            """;
        command.Parameters.AddWithValue("@record", erasure.RecordId.ToArray());
        command.Parameters.AddWithValue("@holder", (long)erasure.Holder);
        command.Parameters.AddWithValue("@grantee", (long)erasure.Grantee);
        command.Parameters.AddWithValue("@holderErasedAt", erasure.HolderErasedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@erasedAt", erasure.ErasedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@requests", DigestSequence.Pack(erasure.RequestIds));
        command.ExecuteNonQuery();
        return Find(erasure.RecordId, erasure.Holder, erasure.Grantee)!;
    }

    /// <summary>Notes that <paramref name="exchangeId"/>'s content was erased for <paramref name="cause"/>; false when it already was.</summary>
    public bool MarkExchangeErased(long exchangeId, string cause)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO exchange_erasures (exchange_id, cause, erased_at) VALUES (@id, @cause, @now) ON CONFLICT (exchange_id) DO NOTHING";
        command.Parameters.AddWithValue("@id", exchangeId);
        command.Parameters.AddWithValue("@cause", cause);
        command.Parameters.AddWithValue("@now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>When and why <paramref name="exchangeId"/>'s content was erased, or null.</summary>
    public (DateTimeOffset ErasedAt, string Cause)? ExchangeErasure(long exchangeId)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT erased_at, cause FROM exchange_erasures WHERE exchange_id = @id";
        command.Parameters.AddWithValue("@id", exchangeId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Verified exchanges whose grant's terms end their copy by <paramref name="now"/> and that were not erased yet: a store
    /// grant past its retention, a view-once grant viewed, or a view-once grant asked before <paramref name="unviewedBefore"/>
    /// and never viewed. Oldest first.
    /// </summary>
    public IReadOnlyList<long> PastTheirTerms(DateTimeOffset now, DateTimeOffset unviewedBefore, int limit)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id FROM exchanges e LEFT JOIN exchange_erasures x ON x.exchange_id = e.id
            WHERE e.state = 3 AND x.exchange_id IS NULL AND (
                (e.grant_use = 1 AND e.retain_until IS NOT NULL AND e.retain_until <= @now)
                OR (e.grant_use = 0 AND (e.content_served_at IS NOT NULL OR e.created_at <= @unviewedBefore)))
            ORDER BY e.id LIMIT @limit
            """;
        command.Parameters.AddWithValue("@now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@unviewedBefore", unviewedBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@limit", limit);
        return ReadIds(command);
    }

    private static List<long> ReadIds(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private List<ReceivedErasure> Select(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT record_id, holder, grantee, holder_erased_at, erased_at, request_ids FROM received_erasures {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var found = new List<ReceivedErasure>();
        while (reader.Read())
        {
            found.Add(new ReceivedErasure(
                new Digest((byte[])reader[0]),
                (uint)reader.GetInt64(1),
                (uint)reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                DigestSequence.Unpack((byte[])reader[5])));
        }

        return found;
    }
}
