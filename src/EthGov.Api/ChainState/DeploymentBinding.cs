using System.Data.Common;
using System.Globalization;
using EthGov.Api.Outbox;
using EthGov.Application.Storage;
using EthGov.Chain.Deployments;

namespace EthGov.Api.ChainState;

/// <summary>
/// Ties the data directory to the deployment its outbox anchored to (chain id, registry address, genesis hash). A
/// restart on another deployment — the dev chain wiped and the registry deployed anew — must not present receipts of
/// the old chain nor silently forget what the outbox promised: the API refuses to start, or, when asked with
/// <c>EthGov:ReanchorOnNewDeployment</c>, retires the old batches and index and lets the batcher anchor every
/// document again on the new deployment, after which its revocations and supersessions are replayed there. A deployment
/// that took over from the registry 1.x the outbox is bound to is a migration, not a wipe (<see cref="Migrate"/>).
/// </summary>
public static class DeploymentBinding
{
    /// <summary>
    /// Binds <paramref name="database"/> to <paramref name="deployment"/>; returns what it did, for the log.
    /// <paramref name="legacyDepartmentIds"/> maps the 1.x department ids to this registry's (by code), for a migration.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The outbox holds documents of another deployment and <paramref name="reanchor"/> is false, or a migration finds
    /// documents of a department the new registry does not have.
    /// </exception>
    public static string Apply(Database database, Deployment deployment, bool reanchor, IReadOnlyDictionary<uint, uint>? legacyDepartmentIds = null)
    {
        database.EnsureCreated();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        var bound = Read(connection, transaction);
        if (bound is { } b && b.ChainId == deployment.ChainId
            && string.Equals(b.Registry, deployment.Registry, StringComparison.OrdinalIgnoreCase)
            && string.Equals(b.GenesisHash, deployment.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            return $"outbox bound to registry {deployment.Registry}";
        }

        var documents = Count(connection, transaction, "SELECT count(*) FROM documents");
        string outcome;
        if (bound is { } from && deployment.Legacy is { } legacy && from.ChainId == deployment.ChainId
            && string.Equals(from.Registry, legacy.Registry, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.GenesisHash, deployment.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            outcome = Migrate(connection, transaction, deployment, legacy, legacyDepartmentIds ?? new Dictionary<uint, uint>());
        }
        else if (bound is null || documents == 0)
        {
            // A new data directory, or one from before bindings were recorded: it is taken to belong to this deployment.
            outcome = $"outbox bound to registry {deployment.Registry} on the chain with genesis {deployment.GenesisHash}";
        }
        else if (!reanchor)
        {
            throw new InvalidOperationException(
                $"the outbox holds {documents} documents anchored for registry {bound.Value.Registry} on the chain with genesis {bound.Value.GenesisHash}, " +
                $"but the deployment file names registry {deployment.Registry} on genesis {deployment.GenesisHash}; start once with " +
                "EthGov:ReanchorOnNewDeployment=true to anchor them again on the new deployment (docs/operations.md), or use a fresh EthGov:DataDirectory");
        }
        else
        {
            var retired = Execute(connection, transaction, """
                INSERT INTO retired_batches (id, registry, genesis_hash, root, members, state, tx_hash, block_number, block_hash, retired_at)
                SELECT id, @registry, @genesis, root, members, state, tx_hash, block_number, block_hash, @now FROM batches
                """, bound.Value.Registry, bound.Value.GenesisHash);
            Execute(connection, transaction, "DELETE FROM batches");
            Execute(connection, transaction, "DELETE FROM events; DELETE FROM grants; DELETE FROM index_checkpoint;");
            var changes = Outbox.DocumentChanges.PrepareReplay(connection, transaction);
            outcome = $"re-anchoring: {documents} documents of the outbox queued again for registry {deployment.Registry}, " +
                $"{changes} revocations and supersessions to replay once their documents are anchored there; " +
                $"{retired} batches of registry {bound.Value.Registry} retired and the event index cleared";
        }

        Execute(connection, transaction, """
            INSERT INTO deployment_binding (id, chain_id, registry, genesis_hash, bound_at) VALUES (1, @chainId, @registry, @genesis, @now)
            ON CONFLICT (id) DO UPDATE SET chain_id = @chainId, registry = @registry, genesis_hash = @genesis, bound_at = @now
            """, deployment.Registry, deployment.GenesisHash, (long)deployment.ChainId);
        transaction.Commit();
        return outcome;
    }

    // The deployment took over from the registry 1.x the outbox anchored to. Batches confirmed there before the cut-over
    // stay confirmed and keep their receipts, which name the 1.x registry and the department's 1.x id; batches confirmed
    // there at or after the cut-over (which do not count) and those not confirmed are queued again for the new registry.
    // Department ids become the new registry's (matched by code); the event index, which followed 1.x, starts again.
    private static string Migrate(DbConnection connection, DbTransaction transaction, Deployment deployment, LegacyRegistry legacy, IReadOnlyDictionary<uint, uint> ids)
    {
        var unmapped = StoreReads.Ids(connection, transaction, "SELECT DISTINCT department FROM documents UNION SELECT DISTINCT department FROM batches")
            .Where(id => !ids.ContainsKey(id)).ToList();
        if (unmapped.Count > 0)
        {
            throw new InvalidOperationException(
                $"the outbox holds documents of registry 1.x department(s) {string.Join(", ", unmapped)}, which registry {deployment.Registry} does not have; " +
                "add them to the new registry first (docs/operations.md, the cut-over)");
        }

        var kept = Execute(connection, transaction, """
            UPDATE batches SET registry = @registry, issuer = department
            WHERE state = 1 AND block_number < @cutover AND registry IS NULL
            """, legacy.Registry, cutover: (long)legacy.CutoverBlock);
        var requeued = Execute(connection, transaction, """
            UPDATE batches SET state = 0, attempts = 0, error = 'queued again for the registry that took over from 1.x',
                tx_hash = NULL, block_number = NULL, block_hash = NULL, block_time = NULL
            WHERE registry IS NULL
            """);
        var map = string.Join(" ", ids.Select(p => $"WHEN {p.Key} THEN {p.Value}"));
        if (map.Length > 0)
        {
            Execute(connection, transaction, $"UPDATE batches SET department = CASE department {map} ELSE department END");
            Execute(connection, transaction, $"UPDATE documents SET department = CASE department {map} ELSE department END");
        }

        Execute(connection, transaction, "DELETE FROM events; DELETE FROM grants; DELETE FROM index_checkpoint;");
        return $"migration from registry 1.x {legacy.Registry} (cut-over at block {legacy.CutoverBlock}) to registry {deployment.Registry}: " +
            $"{kept} batches confirmed before the cut-over keep their 1.x receipts, {requeued} batches are queued again for the new registry, " +
            "and the event index starts again";
    }

    private static (ulong ChainId, string Registry, string GenesisHash)? Read(DbConnection connection, DbTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT chain_id, registry, genesis_hash FROM deployment_binding WHERE id = 1";
        using var reader = select.ExecuteReader();
        return reader.Read() ? ((ulong)reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private static long Count(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static int Execute(DbConnection connection, DbTransaction transaction, string sql, string? registry = null, string? genesis = null, long? chainId = null, long? cutover = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@cutover", (object?)cutover ?? DBNull.Value);
        command.Parameters.AddWithValue("@registry", (object?)registry ?? DBNull.Value);
        command.Parameters.AddWithValue("@genesis", (object?)genesis ?? DBNull.Value);
        command.Parameters.AddWithValue("@chainId", (object?)chainId ?? DBNull.Value);
        command.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return command.ExecuteNonQuery();
    }
}
