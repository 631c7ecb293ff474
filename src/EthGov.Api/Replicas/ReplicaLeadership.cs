using System.Data.Common;
using System.Diagnostics;
using EthGov.Application.Replicas;
using EthGov.Application.Storage;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Replicas;

/// <summary>
/// Whether this process may form batches and send transactions: with SQLite always (one process holds the data
/// directory); with PostgreSQL only while it holds the replica lease (<see cref="ReplicaLease"/>), which
/// <see cref="LeaseKeeper"/> takes and renews. As the signers' <see cref="INonceFence"/>, it reserves every nonce under the
/// lease's epoch before the transaction is signed.
/// </summary>
public sealed class ReplicaLeadership : INonceFence
{
    private readonly Lock _lock = new();
    private LeaseTerm? _term;

    /// <summary>The leadership of this process over <paramref name="database"/>.</summary>
    public ReplicaLeadership(Database database, IOptions<ReplicaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        Lease = database.IsSqlite
            ? null
            : new ReplicaLease(database, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", options.Value.LeaseDuration, options.Value.RenewInterval);
    }

    /// <summary>The lease in PostgreSQL, or null with SQLite.</summary>
    public ReplicaLease? Lease { get; }

    /// <summary>The fence the signers send through: null with SQLite, where nothing changes.</summary>
    public INonceFence? Fence => Lease is null ? null : this;

    /// <summary>Whether this process forms batches and sends transactions now.</summary>
    public bool IsLeader => Lease is null || Current is not null;

    /// <inheritdoc />
    public long? Term => Current?.Epoch;

    private LeaseTerm? Current
    {
        get
        {
            lock (_lock)
            {
                return _term is { } term && term.HoldsAt(Stopwatch.GetTimestamp()) ? term : null;
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReserveAsync(long term, string signer, ulong nonce, CancellationToken cancellationToken)
    {
        if (Lease is not { } lease || Term != term)
        {
            return false;
        }

        try
        {
            return await Task.Run(() => lease.ReserveNonce(term, signer, nonce), cancellationToken);
        }
        catch (DbException)
        {
            // The lease cannot be checked: no transaction is signed until it can.
            return false;
        }
    }

    /// <summary>Records the term the last renewal gave, or null when another replica holds the lease.</summary>
    internal void Set(LeaseTerm? term)
    {
        lock (_lock)
        {
            _term = term;
        }
    }

    /// <summary>The epoch of the last term this process held, valid or not (to tell a renewal from a new term).</summary>
    internal long? LastEpoch
    {
        get
        {
            lock (_lock)
            {
                return _term?.Epoch;
            }
        }
    }
}
