using System.Globalization;
using EthGov.Chain.Deployments;
using Microsoft.Data.Sqlite;

namespace EthGov.Api.Storage;

/// <summary>
/// Ties the data directory to the deployment its outbox anchored to (chain id, registry address, genesis hash). A
/// restart on another deployment — the dev chain wiped and the registry deployed anew — must not present receipts of
/// the old chain nor silently forget what the outbox promised: the API refuses to start, or, when asked with
/// <c>EthGov:ReanchorOnNewDeployment</c>, retires the old batches and index and lets the batcher anchor every
/// document again on the new deployment, after which its revocations and supersessions are replayed there.
/// </summary>
public static class DeploymentBinding
{
    /// <summary>Binds <paramref name="database"/> to <paramref name="deployment"/>; returns what it did, for the log.</summary>
    /// <exception cref="InvalidOperationException">The outbox holds documents of another deployment and <paramref name="reanchor"/> is false.</exception>
    public static string Apply(Database database, Deployment deployment, bool reanchor)
    {
        database.EnsureCreated();
        using var connection = database.Open();
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
        if (bound is null || documents == 0)
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
                SELECT id, $registry, $genesis, root, members, state, tx_hash, block_number, block_hash, $now FROM batches
                """, bound.Value.Registry, bound.Value.GenesisHash);
            Execute(connection, transaction, "DELETE FROM batches");
            Execute(connection, transaction, "DELETE FROM events; DELETE FROM grants; DELETE FROM index_checkpoint;");
            var changes = Outbox.DocumentChanges.PrepareReplay(connection, transaction);
            outcome = $"re-anchoring: {documents} documents of the outbox queued again for registry {deployment.Registry}, " +
                $"{changes} revocations and supersessions to replay once their documents are anchored there; " +
                $"{retired} batches of registry {bound.Value.Registry} retired and the event index cleared";
        }

        Execute(connection, transaction, """
            INSERT INTO deployment_binding (id, chain_id, registry, genesis_hash, bound_at) VALUES (1, $chainId, $registry, $genesis, $now)
            ON CONFLICT (id) DO UPDATE SET chain_id = $chainId, registry = $registry, genesis_hash = $genesis, bound_at = $now
            """, deployment.Registry, deployment.GenesisHash, (long)deployment.ChainId);
        transaction.Commit();
        return outcome;
    }

    private static (ulong ChainId, string Registry, string GenesisHash)? Read(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT chain_id, registry, genesis_hash FROM deployment_binding WHERE id = 1";
        using var reader = select.ExecuteReader();
        return reader.Read() ? ((ulong)reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private static long Count(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string? registry = null, string? genesis = null, long? chainId = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$registry", (object?)registry ?? DBNull.Value);
        command.Parameters.AddWithValue("$genesis", (object?)genesis ?? DBNull.Value);
        command.Parameters.AddWithValue("$chainId", (object?)chainId ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return command.ExecuteNonQuery();
    }
}
