using System.Data.Common;
using System.Globalization;
using System.Numerics;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Storage;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;

namespace EthGov.Application.Audit;

/// <summary>
/// Compares a node's journals with the chain. As a holder: every release in its journal (table <c>releases</c>) must rest
/// on an access entry that hashes as journaled, in a root the grantee department logged on chain in the journaled block,
/// by the kept proof; any other release is a violation. As a grantee: every access it logged (tables <c>exchanges</c> and
/// <c>access_log_batches</c>) must be on chain as it claims; logged accesses without a release are listed (pending or
/// refused). Each distinct root is read once, all at one block, a bounded number at a time, so a journal of 100,000
/// releases costs as many reads as it has roots.
/// </summary>
public sealed class JournalReconciler(Database database, AuditReads chain)
{
    /// <summary>Reconciles the journals of the node whose store this reads, for <paramref name="chainId"/> and <paramref name="registry"/>.</summary>
    public async Task<ChainResult<ReconcileReport>> ReconcileAsync(ulong chainId, string registry, CancellationToken cancellationToken = default)
    {
        registry = AccessEntry.NormalizeAddress(registry);
        var (releases, exchanges, batches) = await Task.Run(Read, cancellationToken);
        var head = await chain.HeadAsync();
        if (!head.IsSuccess)
        {
            return ChainResult<ReconcileReport>.Fail(head.Error);
        }

        var roots = releases.Select(r => r.Root).Concat(exchanges.Select(e => e.Root)).Concat(batches.Select(b => b.Root)).ToHashSet();
        var read = await chain.AccessBatchesAsync(roots, head.Value, cancellationToken);
        if (!read.IsSuccess)
        {
            return ChainResult<ReconcileReport>.Fail(read.Error);
        }

        var onChain = read.Value;
        var holder = ReconcileHolder(releases, onChain, chainId, registry);
        var grantee = ReconcileGrantee(exchanges, batches, onChain, chainId, registry);
        return ChainResult<ReconcileReport>.Ok(new ReconcileReport(chainId, registry, head.Value, holder, grantee));
    }

    /// <summary>The chain and registry the node's store is bound to (it serves one deployment), or null when it was never bound.</summary>
    public (ulong ChainId, string Registry)? Binding()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chain_id, registry FROM deployment_binding WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? ((ulong)reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private static HolderReconciliation ReconcileHolder(List<Logged> releases, IReadOnlyDictionary<Digest, AccessBatchInfo?> onChain, ulong chainId, string registry)
    {
        var violations = new List<AuditFinding>();
        int logged = 0, proofsNotKept = 0;
        foreach (var release in releases)
        {
            if (Check(release, onChain, chainId, registry) is { } wrong)
            {
                violations.Add(wrong);
                continue;
            }

            logged++;
            if (release.Proof is null)
            {
                proofsNotKept++;
            }
        }

        return new HolderReconciliation(releases.Count, releases.Select(r => r.Root).Distinct().Count(), logged, proofsNotKept, violations);
    }

    private static GranteeReconciliation ReconcileGrantee(
        List<Logged> exchanges, List<ConfirmedBatch> batches, IReadOnlyDictionary<Digest, AccessBatchInfo?> onChain, ulong chainId, string registry)
    {
        var violations = new List<AuditFinding>();
        var withoutRelease = new List<AuditFinding>();
        int released = 0;
        foreach (var exchange in exchanges)
        {
            if (Check(exchange, onChain, chainId, registry) is { } wrong)
            {
                violations.Add(wrong with { Exchange = exchange.Exchange });
                continue;
            }

            switch (exchange.State)
            {
                case ExchangeState.Released or ExchangeState.Verified:
                    released++;
                    break;
                case ExchangeState.Refused:
                    withoutRelease.Add(Finding(exchange, "refused", $"refused by the holder or on arrival: {exchange.Reason}") with { Exchange = exchange.Exchange });
                    break;
                default:
                    withoutRelease.Add(Finding(exchange, "pending", "logged; the release has not arrived yet") with { Exchange = exchange.Exchange });
                    break;
            }
        }

        foreach (var batch in batches)
        {
            var found = onChain[batch.Root];
            string? wrong = found is null ? "the node holds it as confirmed; the chain never logged it"
                : found.Department != batch.Department ? $"logged by department {found.Department}, not {batch.Department}"
                : batch.BlockNumber is { } block && block != found.BlockNumber ? $"logged in block {found.BlockNumber}, the node says {block}"
                : null;
            if (wrong is not null)
            {
                violations.Add(new AuditFinding(found is null ? "batch-not-found" : "log-block-mismatch", Digest.Zero, BigInteger.Zero, Digest.Zero, 0, batch.Department, batch.Root, $"batch {batch.Id}: {wrong}"));
            }
        }

        var roots = exchanges.Select(e => e.Root).Concat(batches.Select(b => b.Root)).Distinct().Count();
        return new GranteeReconciliation(exchanges.Count, released, batches.Count, roots, violations, withoutRelease);
    }

    // Null when the access is logged as journaled: its entry hashes as stated, its root was logged by the grantee in the
    // stated block, and the kept proof (when there is one) leads from the entry to the root.
    private static AuditFinding? Check(Logged logged, IReadOnlyDictionary<Digest, AccessBatchInfo?> onChain, ulong chainId, string registry)
    {
        var entry = new AccessEntry(chainId, registry, logged.GrantId, logged.RecordId, logged.Holder, logged.Grantee, logged.RequestId, logged.QueryDigest ?? Digest.Zero);
        if (entry.Hash() != logged.EntryHash)
        {
            return Finding(logged, "entry-mismatch", $"its fields hash to {entry.Hash()}, the journal holds {logged.EntryHash}");
        }

        var batch = onChain[logged.Root];
        if (batch is null)
        {
            return Finding(logged, "log-not-found", $"root {logged.Root} was never logged on chain");
        }

        if (batch.Department != logged.Grantee)
        {
            return Finding(logged, "log-by-another-department", $"root {logged.Root} was logged by department {batch.Department}, not the grantee {logged.Grantee}");
        }

        if (logged.Block is { } block && block != batch.BlockNumber)
        {
            return Finding(logged, "log-block-mismatch", string.Create(CultureInfo.InvariantCulture, $"root {logged.Root} was logged in block {batch.BlockNumber}, the journal says {block}"));
        }

        return logged.Proof is { } proof && !MerkleTree.Verify(logged.Root, logged.EntryHash, [.. proof])
            ? Finding(logged, "not-in-root", $"the kept proof does not lead from entry {logged.EntryHash} to root {logged.Root}")
            : null;
    }

    private static AuditFinding Finding(Logged logged, string kind, string detail)
        => new(kind, logged.RequestId, logged.GrantId, logged.RecordId, logged.Holder, logged.Grantee, logged.Root, detail);

    private (List<Logged> Releases, List<Logged> Exchanges, List<ConfirmedBatch> Batches) Read()
    {
        using var connection = database.Connect();
        using var transaction = database.Dialect.BeginRead(connection);
        var releases = ReadLogged(connection, transaction, """
            SELECT request_id, grant_id, record_id, holder, grantee, query_digest, entry_hash, log_root, log_block, log_proof, NULL, NULL, NULL
            FROM releases ORDER BY id
            """);
        var exchanges = ReadLogged(connection, transaction, """
            SELECT request_id, grant_id, record_id, holder, department, query_digest, entry_hash, log_root, log_block, log_proof, id, state, reason
            FROM exchanges WHERE log_root IS NOT NULL ORDER BY id
            """);
        var batches = new List<ConfirmedBatch>();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, department, root, block_number FROM access_log_batches WHERE state = 1 ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            batches.Add(new ConfirmedBatch(reader.GetInt64(0), (uint)reader.GetInt64(1), new Digest((byte[])reader[2]), reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3)));
        }

        return (releases, exchanges, batches);
    }

    private static List<Logged> ReadLogged(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var found = new List<Logged>();
        while (reader.Read())
        {
            found.Add(new Logged(
                new Digest((byte[])reader[0]),
                BigInteger.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                new Digest((byte[])reader[2]),
                (uint)reader.GetInt64(3),
                (uint)reader.GetInt64(4),
                reader.IsDBNull(5) ? null : new Digest((byte[])reader[5]),
                new Digest((byte[])reader[6]),
                new Digest((byte[])reader[7]),
                reader.IsDBNull(8) ? null : (ulong)reader.GetInt64(8),
                reader.IsDBNull(9) ? null : DigestSequence.Unpack((byte[])reader[9]))
            {
                Exchange = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                State = reader.IsDBNull(11) ? ExchangeState.Logged : (ExchangeState)reader.GetInt32(11),
                Reason = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return found;
    }

    // A release (holder) or a logged exchange (grantee): the access entry's fields, and where it says it was logged.
    private sealed record Logged(
        Digest RequestId, BigInteger GrantId, Digest RecordId, uint Holder, uint Grantee, Digest? QueryDigest, Digest EntryHash, Digest Root,
        ulong? Block, IReadOnlyList<Digest>? Proof)
    {
        public long? Exchange { get; init; }

        public ExchangeState State { get; init; }

        public string? Reason { get; init; }
    }

    private sealed record ConfirmedBatch(long Id, uint Department, Digest Root, ulong? BlockNumber);
}
