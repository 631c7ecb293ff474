using System.Data.Common;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.ChangeRequests;

/// <summary>
/// The <c>change_requests</c> table. A decision is taken with one conditional update (<see cref="TryDecide"/>), so two
/// approvers clicking at once, or one clicking twice, decide a request once.
/// </summary>
public sealed class ChangeRequestStore(Database database)
{
    private const string Columns = """
        id, department, kind, digest, reason, new_digest, valid_until, note, requested_by, requester_account, requested_at,
        state, decided_by, decided_at, transaction_hash, error
        """;

    /// <summary>Stores a new pending request and returns it with its id.</summary>
    public ChangeRequest Add(ChangeRequest request)
    {
        using var connection = database.Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO change_requests (department, kind, digest, reason, new_digest, valid_until, note, requested_by, requester_account, requested_at, state)
            VALUES (@department, @kind, @digest, @reason, @newDigest, @validUntil, @note, @requestedBy, @requesterAccount, @requestedAt, @state)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("@department", request.Department);
        insert.Parameters.AddWithValue("@kind", request.Kind);
        insert.Parameters.AddWithValue("@digest", request.Digest.ToArray());
        insert.Parameters.AddWithValue("@reason", request.Reason is { } reason ? reason : DBNull.Value);
        insert.Parameters.AddWithValue("@newDigest", request.NewDigest is { } newDigest ? newDigest.ToArray() : DBNull.Value);
        insert.Parameters.AddWithValue("@validUntil", request.ValidUntil is { } until ? until.ToUnixTimeSeconds() : DBNull.Value);
        insert.Parameters.AddWithValue("@note", (object?)request.Note ?? DBNull.Value);
        insert.Parameters.AddWithValue("@requestedBy", request.RequestedBy);
        insert.Parameters.AddWithValue("@requesterAccount", request.RequesterAccount is { } account ? account : DBNull.Value);
        insert.Parameters.AddWithValue("@requestedAt", request.RequestedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("@state", ChangeRequestStates.Pending);
        return request with { Id = (long)insert.ExecuteScalar()!, State = ChangeRequestStates.Pending };
    }

    /// <summary>The request with <paramref name="id"/>, or null.</summary>
    public ChangeRequest? Get(long id)
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM change_requests WHERE id = @id";
        select.Parameters.AddWithValue("@id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The newest <paramref name="limit"/> requests of <paramref name="department"/>, in <paramref name="state"/> when given.</summary>
    public IReadOnlyList<ChangeRequest> List(string department, string? state, int limit)
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT {Columns} FROM change_requests
            WHERE department = @department{(state is null ? string.Empty : " AND state = @state")} ORDER BY id DESC LIMIT @limit
            """;
        select.Parameters.AddWithValue("@department", department);
        select.Parameters.AddWithValue("@limit", limit);
        if (state is not null)
        {
            select.Parameters.AddWithValue("@state", state);
        }

        using var reader = select.ExecuteReader();
        var requests = new List<ChangeRequest>();
        while (reader.Read())
        {
            requests.Add(Read(reader));
        }

        return requests;
    }

    /// <summary>Whether <paramref name="department"/> has a request for <paramref name="digest"/> that is pending or being sent.</summary>
    public bool HasOpen(string department, Digest digest)
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT CASE WHEN EXISTS (SELECT 1 FROM change_requests WHERE department = @department AND digest = @digest AND state IN (@pending, @approving)) THEN 1 ELSE 0 END";
        select.Parameters.AddWithValue("@department", department);
        select.Parameters.AddWithValue("@digest", digest.ToArray());
        select.Parameters.AddWithValue("@pending", ChangeRequestStates.Pending);
        select.Parameters.AddWithValue("@approving", ChangeRequestStates.Approving);
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>
    /// Moves a pending request to <paramref name="state"/> (approving or refused) for <paramref name="decidedBy"/>;
    /// false when it was no longer pending, so nothing changed.
    /// </summary>
    public bool TryDecide(long id, string state, string decidedBy, DateTimeOffset at)
    {
        using var connection = database.Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE change_requests SET state = @state, decided_by = @decidedBy, decided_at = @at WHERE id = @id AND state = @pending";
        update.Parameters.AddWithValue("@state", state);
        update.Parameters.AddWithValue("@decidedBy", decidedBy);
        update.Parameters.AddWithValue("@at", at.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@pending", ChangeRequestStates.Pending);
        return update.ExecuteNonQuery() == 1;
    }

    /// <summary>Records what became of an approved request: its transaction, or why it failed.</summary>
    public void Settle(long id, string? transactionHash, string? error)
    {
        using var connection = database.Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE change_requests SET state = @state, transaction_hash = @hash, error = @error WHERE id = @id AND state = @approving";
        update.Parameters.AddWithValue("@state", error is null ? ChangeRequestStates.Approved : ChangeRequestStates.Failed);
        update.Parameters.AddWithValue("@hash", (object?)transactionHash ?? DBNull.Value);
        update.Parameters.AddWithValue("@error", error is null ? DBNull.Value : error.Length > 500 ? error[..500] : error);
        update.Parameters.AddWithValue("@id", id);
        update.Parameters.AddWithValue("@approving", ChangeRequestStates.Approving);
        update.ExecuteNonQuery();
    }

    private static ChangeRequest Read(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new ChangeRequest(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new Digest((byte[])reader.GetValue(3)),
            reader.IsDBNull(4) ? null : (ushort)reader.GetInt64(4),
            reader.IsDBNull(5) ? null : new Digest((byte[])reader.GetValue(5)),
            reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(6)),
            Text(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetInt64(9), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
            reader.GetString(11), Text(12), reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)), Text(14), Text(15));
    }
}
