using System.Data.Common;
using EthGov.Api.ChainState;
using EthGov.Application.Storage;
using EthGov.Core.Digests;

namespace EthGov.Api.Outbox;

/// <summary>
/// The revocations and supersessions the API sent for documents of its outbox (table <c>document_changes</c>). Each is
/// stored before it is sent, marked applied once confirmed and forgotten when the chain refuses it, so that a change
/// the department was told about is never missing; on a new deployment <see cref="PrepareReplay"/> queues them all
/// again for <see cref="ChangeReplayer"/>.
/// </summary>
public sealed class DocumentChanges(Database database)
{
    /// <summary>Stores a change about to be sent; returns its id.</summary>
    /// <exception cref="DbException">The database cannot store it: send nothing.</exception>
    public long Record(uint departmentId, Digest digest, DocumentChangeKind kind, ushort reason, Digest successor, ulong successorValidUntil)
    {
        using var connection = database.Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO document_changes (department, digest, kind, reason, successor, successor_valid_until, state, recorded_at)
            VALUES (@department, @digest, @kind, @reason, @successor, @validUntil, @state, @now) RETURNING id
            """;
        insert.Parameters.AddWithValue("@department", (long)departmentId);
        insert.Parameters.AddWithValue("@digest", digest.ToArray());
        insert.Parameters.AddWithValue("@kind", (int)kind);
        insert.Parameters.AddWithValue("@reason", (int)reason);
        insert.Parameters.AddWithValue("@successor", successor.IsZero ? DBNull.Value : successor.ToArray());
        insert.Parameters.AddWithValue("@validUntil", (long)successorValidUntil);
        insert.Parameters.AddWithValue("@state", (int)DocumentChangeState.Sending);
        insert.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return (long)insert.ExecuteScalar()!;
    }

    /// <summary>
    /// Settles a change once the chain answered: applied, or forgotten when the chain refused it. A change that stays
    /// <see cref="DocumentChangeState.Sending"/> (this update failed) is replayed like an applied one: the department asked for it.
    /// </summary>
    public void Settle(long id, bool applied)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = applied ? "UPDATE document_changes SET state = @state, error = NULL WHERE id = @id" : "DELETE FROM document_changes WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@state", (int)DocumentChangeState.Applied);
        command.ExecuteNonQuery();
    }

    /// <summary>Marks a replayed change applied on the new deployment.</summary>
    public void MarkReplayed(long id) => SetState(id, DocumentChangeState.Applied, null);

    /// <summary>Marks a replay the new deployment refused for good, with the reason.</summary>
    public void MarkReplayFailed(long id, string error) => SetState(id, DocumentChangeState.ReplayFailed, error);

    /// <summary>The changes waiting to be replayed, oldest first.</summary>
    public IReadOnlyList<DocumentChange> ToReplay()
    {
        using var connection = database.Connect();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT id, department, digest, kind, reason, successor, successor_valid_until, state FROM document_changes
            WHERE state = @state ORDER BY id
            """;
        select.Parameters.AddWithValue("@state", (int)DocumentChangeState.ToReplay);
        using var reader = select.ExecuteReader();
        var changes = new List<DocumentChange>();
        while (reader.Read())
        {
            changes.Add(new DocumentChange(
                reader.GetInt64(0), (uint)reader.GetInt64(1), new Digest((byte[])reader[2]), (DocumentChangeKind)(int)reader.GetInt64(3), (ushort)(int)reader.GetInt64(4),
                reader.IsDBNull(5) ? Digest.Zero : new Digest((byte[])reader[5]), (ulong)reader.GetInt64(6), (DocumentChangeState)(int)reader.GetInt64(7)));
        }

        return changes;
    }

    /// <summary>
    /// Part of binding the outbox to a new deployment (after its batches were retired): queues every change sent on the
    /// old one to be replayed, and holds each supersession's new digest in a batch of its own that the batcher leaves
    /// alone (<see cref="BatchState.AwaitingReplay"/>), since the replayed supersession anchors it and an earlier
    /// anchor would make the supersession fail. Returns how many changes were queued.
    /// </summary>
    internal static int PrepareReplay(DbConnection connection, DbTransaction transaction)
    {
        using var queue = connection.CreateCommand();
        queue.Transaction = transaction;
        queue.CommandText = "UPDATE document_changes SET state = @replay, error = NULL WHERE state IN (@sending, @applied, @replay, @failed)";
        queue.Parameters.AddWithValue("@replay", (int)DocumentChangeState.ToReplay);
        queue.Parameters.AddWithValue("@sending", (int)DocumentChangeState.Sending);
        queue.Parameters.AddWithValue("@applied", (int)DocumentChangeState.Applied);
        queue.Parameters.AddWithValue("@failed", (int)DocumentChangeState.ReplayFailed);
        var queued = queue.ExecuteNonQuery();

        using var hold = connection.CreateCommand();
        hold.Transaction = transaction;
        hold.CommandText = """
            INSERT INTO batches (department, valid_until, root, members, state, created_at)
            SELECT department, successor_valid_until, successor, successor, @awaiting, @now FROM document_changes
            WHERE kind = @supersession AND successor IS NOT NULL ORDER BY id
            """;
        hold.Parameters.AddWithValue("@awaiting", (int)BatchState.AwaitingReplay);
        hold.Parameters.AddWithValue("@supersession", (int)DocumentChangeKind.Supersession);
        hold.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        hold.ExecuteNonQuery();
        return queued;
    }

    private void SetState(long id, DocumentChangeState state, string? error)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE document_changes SET state = @state, error = @error WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@state", (int)state);
        command.Parameters.AddWithValue("@error", (object?)error ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
