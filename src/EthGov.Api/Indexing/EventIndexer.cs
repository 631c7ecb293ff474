using EthGov.Api.ChainState;
using EthGov.Api.Configuration;
using EthGov.Api.Replicas;
using EthGov.Chain.Blocks;
using EthGov.Chain.Deployments;
using EthGov.Chain.Events;
using EthGov.Chain.Rpc;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Indexing;

/// <summary>
/// Reads the registry's events into the <see cref="IndexStore"/>, block range by block range from a checkpoint.
/// Before each read it checks the chain is still the one indexed: another genesis hash means the chain was reset
/// (reported through <see cref="ChainStatus"/> and readiness, nothing more is indexed); another hash at the
/// checkpoint's height means a reorganisation, and the last <see cref="IndexerOptions.ReorgDepth"/> blocks are read again.
/// Of the replicas of a node on one database, only the lease holder writes the index; the others follow its checkpoint.
/// </summary>
public sealed class EventIndexer(IndexStore store, ChainStatus status, VanishedAnchors vanished, Deployment deployment, IOptions<ChainOptions> chain, IOptions<IndexerOptions> options,
    ReplicaLeadership leadership, ILogger<EventIndexer> logger)
    : BackgroundService
{
    private readonly BlockReader _blocks = new(chain.Value);
    private readonly RegistryLogReader _logs = new(chain.Value);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool caughtUp = true;
            try
            {
                caughtUp = await ReadOnceAsync();
                status.LastError = null;
            }
            catch (Exception ex) when (RpcFailure.IsUnreachable(ex) || RpcFailure.IsErrorAnswer(ex) || ex is TaskCanceledException)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                // LastError is shown by the open readiness check: no endpoint in it, its URL may hold credentials.
                status.LastError = "chain unreachable";
                logger.LogWarning("indexer cannot read the chain at {Endpoint}: {Error}", RpcEndpoint.Describe(chain.Value.RpcUrl), ex.GetBaseException().Message);
            }
            catch (System.Data.Common.DbException ex)
            {
                // A store that dropped its connection (a PostgreSQL restart) or is busy: nothing of the range was stored,
                // and the next round reads it again from the checkpoint.
                status.LastError = "database unusable";
                logger.LogWarning("indexer cannot store events: {Error}", EthGov.Application.Storage.StoreErrors.Code(ex));
            }

            status.RecordBlockAge(DateTimeOffset.UtcNow);

            if (caughtUp)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Reads one range; true when the index has caught up with the chain.</summary>
    private async Task<bool> ReadOnceAsync()
    {
        var genesis = await _blocks.GenesisHashAsync();
        if (!string.Equals(genesis, deployment.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            if (status.ResetDetected is null)
            {
                logger.LogError("the chain was reset (genesis {Genesis}, deployment expects {Expected}); the index stops", genesis, deployment.GenesisHash);
            }

            status.MarkReset(ChainResetReasons.GenesisDiffers);
            return true;
        }

        status.ClearReset();
        var checkpoint = store.Checkpoint();
        if (checkpoint is not null && !string.Equals(checkpoint.GenesisHash, genesis, StringComparison.OrdinalIgnoreCase))
        {
            status.MarkReset(ChainResetReasons.IndexFromAnotherChain);
            return true;
        }

        var latest = await _blocks.LatestNumberAsync();
        if (!leadership.IsLeader)
        {
            // Two replicas writing the shared tables would store every event twice.
            if (status.LatestBlockNumber != latest && await _blocks.ByNumberAsync(latest) is { } seen)
            {
                status.SawLatestBlock(seen);
            }

            status.IndexedBlock = checkpoint?.BlockNumber ?? 0;
            return true;
        }

        if (checkpoint is not null)
        {
            var atCheckpoint = checkpoint.BlockNumber <= latest
                ? await _blocks.ByNumberAsync(checkpoint.BlockNumber)
                : null;
            if (atCheckpoint is null || !string.Equals(atCheckpoint.Hash, checkpoint.BlockHash, StringComparison.OrdinalIgnoreCase))
            {
                var rewindTo = Math.Max(deployment.Block, checkpoint.BlockNumber > (ulong)options.Value.ReorgDepth ? checkpoint.BlockNumber - (ulong)options.Value.ReorgDepth : 0);
                rewindTo = Math.Min(rewindTo, latest);
                // A block below the chain's head can still vanish in a deeper reorganisation: then try again next poll.
                if (await _blocks.ByNumberAsync(rewindTo) is not { } block)
                {
                    return true;
                }

                // Before the checkpoint moves: if the batches cannot be checked now, the reorganisation is found again next time.
                if (!await vanished.RecheckAsync(rewindTo))
                {
                    status.LastError = "a reorganisation was found; the anchors it may have undone could not be checked yet";
                    return true;
                }

                logger.LogWarning("reorganisation at block {Block}: re-reading from block {From}", checkpoint.BlockNumber, rewindTo + 1);
                checkpoint = new IndexCheckpoint(genesis, rewindTo, block.Hash);
                store.RollbackAfter(rewindTo, checkpoint);
            }
        }

        var from = checkpoint is null ? deployment.Block : checkpoint.BlockNumber + 1;
        if (from > latest)
        {
            if (status.LatestBlockNumber != latest && await _blocks.ByNumberAsync(latest) is { } head)
            {
                status.SawLatestBlock(head);
            }

            status.IndexedBlock = latest;
            return true;
        }

        var to = Math.Min(latest, from + (ulong)options.Value.BlocksPerRead - 1);
        var logs = await _logs.ReadAsync(deployment.Registry, from, to);

        var times = new Dictionary<ulong, DateTimeOffset>();
        foreach (var number in logs.Select(l => l.BlockNumber).Distinct())
        {
            // A block the logs came from is gone: a reorganisation happened during this read. Nothing is applied; the
            // next read finds the checkpoint's block changed, or reads the new blocks.
            if (await _blocks.ByNumberAsync(number) is not { } block)
            {
                return false;
            }

            times[number] = block.Time;
        }

        if (await _blocks.ByNumberAsync(to) is not { } last)
        {
            return false;
        }

        var ordered = logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        store.Apply(ordered, times, new IndexCheckpoint(genesis, to, last.Hash));
        status.IndexedBlock = to;
        if (to == latest)
        {
            status.SawLatestBlock(last);
        }

        return to == latest;
    }
}
