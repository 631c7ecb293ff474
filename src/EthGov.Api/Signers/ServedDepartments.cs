using System.Data.Common;
using System.Globalization;
using EthGov.Api.Configuration;
using EthGov.Api.Outbox;
using EthGov.Application.Storage;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Api.Signers;

/// <summary>
/// A data directory belongs to the departments it served: it remembers their codes, and the departments whose documents,
/// batches or revocations it holds count as served too (data directories from before it remembered). At start:
/// <list type="bullet">
/// <item>a served department with unanchored work (documents not yet anchored, revocations or supersessions not yet
/// confirmed) must keep its signer, or what the node acknowledged would wait for ever;</item>
/// <item>a department the directory never served may join only when every served department whose outbox the directory
/// holds stays configured: a node that grows to host one more small department is deliberate, while a node restarted
/// with another department's key in place of its own would serve a foreign outbox under the wrong name.</item>
/// </list>
/// Either refusal is one line. A served department that is left out without unanchored work (it moved to a node of its
/// own) is allowed: the directory keeps answering for its anchored documents.
/// </summary>
public static class ServedDepartments
{
    /// <summary>
    /// Checks <paramref name="configured"/> (the department codes with a signer) against what <paramref name="database"/>
    /// served, then records them; <paramref name="departments"/> map the outbox's department ids to codes. Returns a line
    /// for the log.
    /// </summary>
    /// <exception cref="StartupRefusedException">One of the rules above is broken.</exception>
    public static string Apply(Database database, IReadOnlyCollection<string> configured, IReadOnlyList<DepartmentInfo> departments)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(departments);
        database.EnsureCreated();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        var codes = departments.ToDictionary(d => d.Id, d => d.Code);
        string CodeOf(uint id) => codes.GetValueOrDefault(id) ?? $"department {id}";

        var documents = CountsById(connection, transaction, "SELECT department, count(*) FROM documents GROUP BY department");
        var held = new Dictionary<string, uint>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in documents.Keys.Concat(StoreReads.Ids(connection, transaction, "SELECT DISTINCT department FROM batches UNION SELECT DISTINCT department FROM document_changes")))
        {
            held[CodeOf(id)] = id;
        }

        var served = new SortedSet<string>(Codes(connection, transaction), StringComparer.OrdinalIgnoreCase);
        served.UnionWith(held.Keys);
        var wanted = new SortedSet<string>(configured, StringComparer.OrdinalIgnoreCase);
        var leftOut = served.Where(c => !wanted.Contains(c)).ToList();
        var directory = Path.GetDirectoryName(database.Path);

        foreach (var code in leftOut)
        {
            if (held.TryGetValue(code, out var id) && Unanchored(connection, transaction, id) is { } work)
            {
                throw new StartupRefusedException(
                    $"EthGov:Signers: the data directory {directory} holds unanchored work of {code} ({work}), but no signer of {code} is configured; " +
                    $"configure {code}'s key (EthGov:Signers:{code}) until that work is anchored");
            }
        }

        var outboxes = leftOut.Where(c => held.TryGetValue(c, out var id) && documents.GetValueOrDefault(id) > 0).ToList();
        var newcomer = wanted.FirstOrDefault(c => !served.Contains(c));
        if (newcomer is not null && outboxes.Count > 0)
        {
            var count = outboxes.Sum(c => documents[held[c]]);
            throw new StartupRefusedException(
                $"EthGov:Signers:{newcomer}: the data directory {directory} belongs to {string.Join(", ", served)} and never served {newcomer}; " +
                $"it holds the outbox of {string.Join(", ", outboxes)} ({count.ToString(CultureInfo.InvariantCulture)} documents); " +
                $"give {newcomer} a data directory of its own (EthGov:DataDirectory)");
        }

        foreach (var code in wanted)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO served_departments (code, first_served_at) VALUES (@code, @now) ON CONFLICT (code) DO NOTHING";
            insert.Parameters.AddWithValue("@code", code.ToUpperInvariant());
            insert.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        var kept = leftOut.Count == 0 ? string.Empty : $"; it keeps the anchored documents of {string.Join(", ", leftOut)}, which have no signer here";
        return $"data directory serves {(wanted.Count == 0 ? "no department (no signer configured)" : string.Join(", ", wanted))}{kept}";
    }

    /// <summary>What of department <paramref name="id"/> is not anchored yet, in words; null when nothing is.</summary>
    private static string? Unanchored(DbConnection connection, DbTransaction transaction, uint id)
    {
        // Members of batches formed but not confirmed, and of none at all (accepted, then the process stopped before a batch).
        var batched = new HashSet<Digest>();
        long waiting = 0;
        using (var batches = Command(connection, transaction, "SELECT members, state FROM batches WHERE department = @id", id))
        using (var reader = batches.ExecuteReader())
        {
            while (reader.Read())
            {
                var members = (byte[])reader[0];
                var state = (BatchState)(int)reader.GetInt64(1);
                for (int i = 0; i + Digest.Size <= members.Length; i += Digest.Size)
                {
                    batched.Add(new Digest(members.AsSpan(i, Digest.Size)));
                }

                if (state is BatchState.Pending or BatchState.AwaitingReplay)
                {
                    waiting += members.Length / Digest.Size;
                }
            }
        }

        using (var documents = Command(connection, transaction, "SELECT digest FROM documents WHERE department = @id", id))
        using (var reader = documents.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!batched.Contains(new Digest((byte[])reader[0])))
                {
                    waiting++;
                }
            }
        }

        using var changes = Command(connection, transaction, "SELECT count(*) FROM document_changes WHERE department = @id AND state IN (@sending, @replay)", id);
        changes.Parameters.AddWithValue("@sending", (int)DocumentChangeState.Sending);
        changes.Parameters.AddWithValue("@replay", (int)DocumentChangeState.ToReplay);
        var pendingChanges = Convert.ToInt64(changes.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (waiting == 0 && pendingChanges == 0)
        {
            return null;
        }

        return string.Join(", ", new[]
        {
            waiting > 0 ? $"{waiting.ToString(CultureInfo.InvariantCulture)} documents not yet anchored" : null,
            pendingChanges > 0 ? $"{pendingChanges.ToString(CultureInfo.InvariantCulture)} revocations or supersessions not yet confirmed" : null,
        }.Where(p => p is not null));
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, uint id)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", (long)id);
        return command;
    }

    private static Dictionary<uint, long> CountsById(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<uint, long>();
        while (reader.Read())
        {
            counts[(uint)reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static List<string> Codes(DbConnection connection, DbTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT code FROM served_departments";
        using var reader = command.ExecuteReader();
        var codes = new List<string>();
        while (reader.Read())
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }
}
