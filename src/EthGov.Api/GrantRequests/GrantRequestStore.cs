using System.Data.Common;
using System.Text.Json;
using EthGov.Api.Grants;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// The <c>grant_requests</c> table. Every change of state is one conditional update, so two clerks deciding at once, or
/// one deciding twice, decide a request once; a request arriving twice (a lost answer, sent again) is stored once.
/// </summary>
public sealed class GrantRequestStore(Database database, TimeProvider time)
{
    private const string Columns = """
        id, request_id, direction, requester, requester_code, holder, holder_code, record_id, kind, purpose, expires_at, legal_basis,
        terms, note, state, requested_by, requested_at, decided_by, decided_at, reason, grant_id, transaction_hash, notify, attempts,
        next_attempt_at, error
        """;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores <paramref name="request"/> (its id ignored) unless the same request id and direction is stored already;
    /// returns the stored row and whether it is new.
    /// </summary>
    public (GrantRequest Stored, bool Added) Add(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var connection = database.Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO grant_requests (request_id, direction, requester, requester_code, holder, holder_code, record_id, kind, purpose,
                expires_at, legal_basis, terms, note, state, requested_by, requested_at, notify, next_attempt_at)
            VALUES (@requestId, @direction, @requester, @requesterCode, @holder, @holderCode, @recordId, @kind, @purpose,
                @expiresAt, @legalBasis, @terms, @note, @state, @requestedBy, @requestedAt, @notify, 0)
            ON CONFLICT (request_id, direction) DO NOTHING
            RETURNING id
            """;
        insert.Parameters.AddWithValue("@requestId", request.RequestId);
        insert.Parameters.AddWithValue("@direction", request.Direction);
        insert.Parameters.AddWithValue("@requester", (long)request.Requester);
        insert.Parameters.AddWithValue("@requesterCode", request.RequesterCode);
        insert.Parameters.AddWithValue("@holder", (long)request.Holder);
        insert.Parameters.AddWithValue("@holderCode", request.HolderCode);
        insert.Parameters.AddWithValue("@recordId", request.RecordId is { } record ? record.ToArray() : DBNull.Value);
        insert.Parameters.AddWithValue("@kind", (object?)request.Kind ?? DBNull.Value);
        insert.Parameters.AddWithValue("@purpose", request.Purpose);
        insert.Parameters.AddWithValue("@expiresAt", request.ExpiresAt.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("@legalBasis", request.LegalBasis);
        insert.Parameters.AddWithValue("@terms", request.Terms is null ? DBNull.Value : JsonSerializer.Serialize(request.Terms, s_json));
        insert.Parameters.AddWithValue("@note", (object?)request.Note ?? DBNull.Value);
        insert.Parameters.AddWithValue("@state", request.State);
        insert.Parameters.AddWithValue("@requestedBy", request.RequestedBy);
        insert.Parameters.AddWithValue("@requestedAt", request.RequestedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("@notify", request.Notify ? 1 : 0);
        if (insert.ExecuteScalar() is long id)
        {
            return (Get(id)!, true);
        }

        return (Find(request.RequestId, request.Direction)!, false);
    }

    /// <summary>The row with <paramref name="id"/>, or null.</summary>
    public GrantRequest? Get(long id) => Select("WHERE id = @id", ("@id", id)).FirstOrDefault();

    /// <summary>The copy of <paramref name="requestId"/> in <paramref name="direction"/>, or null.</summary>
    public GrantRequest? Find(string requestId, string direction)
        => Select("WHERE request_id = @requestId AND direction = @direction", ("@requestId", requestId), ("@direction", direction)).FirstOrDefault();

    /// <summary>How many requests of <paramref name="department"/> in <paramref name="direction"/> wait for a decision (or to be sent).</summary>
    public long CountOpen(string direction, uint department)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*) FROM grant_requests
            WHERE direction = @direction AND {(direction == GrantRequestDirections.Incoming ? "holder" : "requester")} = @department
              AND state IN ('{GrantRequestStates.Sending}', '{GrantRequestStates.Pending}', '{GrantRequestStates.Approving}')
            """;
        command.Parameters.AddWithValue("@direction", direction);
        command.Parameters.AddWithValue("@department", (long)department);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// A page of <paramref name="department"/>'s requests in <paramref name="direction"/>, newest first, with ids below
    /// <paramref name="before"/>, in <paramref name="state"/> when given.
    /// </summary>
    public IReadOnlyList<GrantRequest> List(string direction, uint department, string? state, long before, int limit)
    {
        var side = direction == GrantRequestDirections.Incoming ? "holder" : "requester";
        return state is null
            ? Select($"WHERE direction = @direction AND {side} = @department AND id < @before ORDER BY id DESC LIMIT @limit",
                ("@direction", direction), ("@department", (long)department), ("@before", before), ("@limit", limit))
            : Select($"WHERE direction = @direction AND {side} = @department AND state = @state AND id < @before ORDER BY id DESC LIMIT @limit",
                ("@direction", direction), ("@department", (long)department), ("@state", state), ("@before", before), ("@limit", limit));
    }

    /// <summary>Claims a pending incoming request for approval by <paramref name="decidedBy"/>; false when it was not pending.</summary>
    public bool TryClaim(long id, string decidedBy)
        => Update(
            "state = @approving, decided_by = @by, decided_at = @now WHERE id = @id AND state = @pending",
            ("@approving", GrantRequestStates.Approving), ("@by", decidedBy), ("@now", Now()), ("@id", id), ("@pending", GrantRequestStates.Pending)) == 1;

    /// <summary>Incoming requests claimed for approval before <paramref name="claimedBefore"/> and still approving, oldest first.</summary>
    public IReadOnlyList<GrantRequest> StaleApprovals(DateTimeOffset claimedBefore, int limit)
        => Select("WHERE direction = @incoming AND state = @approving AND decided_at < @before ORDER BY decided_at LIMIT @limit",
            ("@incoming", GrantRequestDirections.Incoming), ("@approving", GrantRequestStates.Approving),
            ("@before", claimedBefore.ToUnixTimeMilliseconds()), ("@limit", limit));

    /// <summary>A claimed approval failed before a grant existed: the request is pending again, with why.</summary>
    public void Unclaim(long id, string error)
        => Update(
            "state = @pending, decided_by = NULL, decided_at = NULL, error = @error WHERE id = @id AND state = @approving",
            ("@pending", GrantRequestStates.Pending), ("@error", Trim(error)), ("@id", id), ("@approving", GrantRequestStates.Approving));

    /// <summary>The grant of a claimed approval is on chain: approved, and the requester's node is to be told.</summary>
    public void Approved(long id, string grantId, string transactionHash)
        => Update(
            "state = @approved, grant_id = @grant, transaction_hash = @tx, error = NULL, notify = 1, attempts = 0, next_attempt_at = 0 WHERE id = @id AND state = @approving",
            ("@approved", GrantRequestStates.Approved), ("@grant", grantId), ("@tx", transactionHash), ("@id", id), ("@approving", GrantRequestStates.Approving));

    /// <summary>Refuses a pending incoming request for <paramref name="reason"/>; false when it was not pending.</summary>
    public bool TryRefuse(long id, string decidedBy, string reason)
        => Update(
            "state = @refused, decided_by = @by, decided_at = @now, reason = @reason, notify = 1, attempts = 0, next_attempt_at = 0 WHERE id = @id AND state = @pending",
            ("@refused", GrantRequestStates.Refused), ("@by", decidedBy), ("@now", Now()), ("@reason", reason), ("@id", id), ("@pending", GrantRequestStates.Pending)) == 1;

    /// <summary>The holder's node took an outgoing request: it is pending there.</summary>
    public void Delivered(long id)
        => Update(
            "state = @pending, notify = 0, error = NULL WHERE id = @id AND state = @sending",
            ("@pending", GrantRequestStates.Pending), ("@id", id), ("@sending", GrantRequestStates.Sending));

    /// <summary>
    /// The outcome of an outgoing request, as the holder's node told it (a refusal also when the holder's node would not
    /// take the request); false when it had already ended.
    /// </summary>
    public bool Decided(long id, string state, string? decidedBy, DateTimeOffset decidedAt, string? reason, string? grantId)
        => Update(
            """
            state = @state, decided_by = @by, decided_at = @at, reason = @reason, grant_id = @grant, notify = 0, error = NULL
            WHERE id = @id AND state IN (@sending, @pending)
            """,
            ("@state", state), ("@by", (object?)decidedBy ?? DBNull.Value), ("@at", decidedAt.ToUnixTimeMilliseconds()),
            ("@reason", (object?)reason ?? DBNull.Value), ("@grant", (object?)grantId ?? DBNull.Value), ("@id", id),
            ("@sending", GrantRequestStates.Sending), ("@pending", GrantRequestStates.Pending)) == 1;

    /// <summary>The other node acknowledged the outcome of an incoming request.</summary>
    public void Told(long id) => Update("notify = 0, error = NULL WHERE id = @id", ("@id", id));

    /// <summary>Rows whose message to the other node is due by <paramref name="now"/>, most overdue first.</summary>
    public IReadOnlyList<GrantRequest> Due(DateTimeOffset now, int limit)
        => Select("WHERE notify = 1 AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit", ("@now", now.ToUnixTimeMilliseconds()), ("@limit", limit));

    /// <summary>Records a failed attempt and when to try again.</summary>
    public void Postpone(long id, int attempts, DateTimeOffset next, string error)
        => Update("attempts = @attempts, next_attempt_at = @next, error = @error WHERE id = @id AND notify = 1",
            ("@attempts", attempts), ("@next", next.ToUnixTimeMilliseconds()), ("@error", Trim(error)), ("@id", id));

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private int Update(string setAndWhere, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grant_requests SET " + setAndWhere;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    private List<GrantRequest> Select(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM grant_requests {where}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var found = new List<GrantRequest>();
        while (reader.Read())
        {
            found.Add(Read(reader));
        }

        return found;
    }

    private static GrantRequest Read(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        DateTimeOffset? Millis(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
        return new GrantRequest(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (uint)reader.GetInt64(3), reader.GetString(4),
            (uint)reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : new Digest((byte[])reader.GetValue(7)), Text(8),
            reader.GetInt32(9), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(10)), reader.GetString(11),
            Text(12) is { } terms ? JsonSerializer.Deserialize<GrantTermsRequest>(terms, s_json) : null, Text(13), reader.GetString(14),
            reader.GetString(15), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)), Text(17), Millis(18), Text(19), Text(20), Text(21),
            reader.GetInt64(22) != 0, reader.GetInt32(23), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(24)), Text(25));
    }
}
