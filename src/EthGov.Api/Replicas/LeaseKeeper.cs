using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Replicas;

/// <summary>
/// Takes the replica lease when it is free or expired and renews it while this replica holds it, every
/// <see cref="ReplicaOptions.RenewInterval"/>. Before a new term starts, this replica reads what the others wrote
/// (<see cref="ReplicaSync.CatchUp"/>), so it never batches a document the last holder already batched. At shutdown it
/// gives the lease up, so another replica takes over at its next renewal instead of at the expiry. With SQLite it does
/// nothing.
/// </summary>
public sealed class LeaseKeeper(ReplicaLeadership leadership, ReplicaSync sync, IOptions<ReplicaOptions> options, ILogger<LeaseKeeper> logger) : BackgroundService
{
    /// <summary>Takes the lease before the server starts, when it is free, so a lone replica sends from its first request on.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (leadership.Lease is { } lease)
        {
            Renew(lease);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (leadership.Lease is not { } lease)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.RenewInterval, stoppingToken);
                Renew(lease);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (leadership.LastEpoch is not null)
            {
                leadership.Set(null);
                try
                {
                    lease.Release();
                }
                catch (DbException ex)
                {
                    logger.LogWarning("the lease could not be given up at shutdown ({Error}); another replica takes it when it expires", ex.Message);
                }
            }
        }
    }

    private void Renew(Application.Replicas.ReplicaLease lease)
    {
        var held = leadership.Term;
        Application.Replicas.LeaseTerm? term;
        try
        {
            term = lease.TryHold();
        }
        catch (DbException ex)
        {
            // The term held so far runs out on its own (its end was measured before the last renewal was asked for).
            logger.LogWarning("the replica lease could not be renewed ({Error}); this replica stops sending when its term ends", ex.Message);
            return;
        }

        if (term is not { } now)
        {
            if (leadership.LastEpoch is { } lost)
            {
                leadership.Set(null);
                logger.LogWarning("another replica holds the lease now (this replica held epoch {Epoch}); it stops forming batches and sending", lost);
            }

            return;
        }

        if (held == now.Epoch)
        {
            leadership.Set(now);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            sync.CatchUp();
        }
        catch (DbException ex)
        {
            // Held in the database but not acted on; the next renewal tries again.
            logger.LogWarning("this replica took the lease at epoch {Epoch} but could not read the other replicas' writes ({Error})", now.Epoch, ex.Message);
            return;
        }

        leadership.Set(now);
        logger.LogWarning("this replica holds the lease at epoch {Epoch} (caught up with the other replicas' writes in {Elapsed:F0} ms); it forms batches and sends",
            now.Epoch, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
