using EthGov.Api.Configuration;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Api.Indexing;

/// <summary>
/// Reads the registry's events into the <see cref="IndexStore"/>, block range by block range from a checkpoint.
/// Before each read it checks the chain is still the one indexed: another genesis hash means the chain was reset
/// (reported through <see cref="ChainStatus"/> and readiness, nothing more is indexed); another hash at the
/// checkpoint's height means a reorganisation, and the last <see cref="IndexerOptions.ReorgDepth"/> blocks are read again.
/// </summary>
public sealed class EventIndexer(IndexStore store, ChainStatus status, EthGov.Api.Outbox.VanishedAnchors vanished, Deployment deployment, IOptions<ChainOptions> chain, IOptions<IndexerOptions> options, ILogger<EventIndexer> logger)
    : BackgroundService
{
    private readonly Nethereum.Web3.Web3 _web3 = ChainConnection.CreateWeb3(chain.Value);

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
            catch (Exception ex) when (ex is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException
                or Nethereum.JsonRpc.Client.RpcClientTimeoutException or Nethereum.JsonRpc.Client.RpcResponseException or TaskCanceledException)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                // LastError is shown by the open readiness check: no endpoint in it, its URL may hold credentials.
                status.LastError = "chain unreachable";
                logger.LogWarning("indexer cannot read the chain at {Endpoint}: {Error}", RpcEndpoint.Describe(chain.Value.RpcUrl), ex.GetBaseException().Message);
            }

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
        var genesis = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(0));
        if (!string.Equals(genesis.BlockHash, deployment.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            if (status.ResetDetected is null)
            {
                logger.LogError("the chain was reset (genesis {Genesis}, deployment expects {Expected}); the index stops", genesis.BlockHash, deployment.GenesisHash);
            }

            status.MarkReset("the chain was reset: its genesis block differs from the deployment's; redeploy and re-anchor the outbox (see docs)");
            return true;
        }

        status.ClearReset();
        var checkpoint = store.Checkpoint();
        if (checkpoint is not null && !string.Equals(checkpoint.GenesisHash, genesis.BlockHash, StringComparison.OrdinalIgnoreCase))
        {
            status.MarkReset("the index was built on another chain; remove the index tables or use a fresh data directory");
            return true;
        }

        var latest = (ulong)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        if (checkpoint is not null)
        {
            var atCheckpoint = checkpoint.BlockNumber <= latest
                ? await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(checkpoint.BlockNumber))
                : null;
            if (atCheckpoint is null || !string.Equals(atCheckpoint.BlockHash, checkpoint.BlockHash, StringComparison.OrdinalIgnoreCase))
            {
                var rewindTo = Math.Max(deployment.Block, checkpoint.BlockNumber > (ulong)options.Value.ReorgDepth ? checkpoint.BlockNumber - (ulong)options.Value.ReorgDepth : 0);
                rewindTo = Math.Min(rewindTo, latest);
                var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(rewindTo));
                // Before the checkpoint moves: if the batches cannot be checked now, the reorganisation is found again next time.
                if (!await vanished.RecheckAsync(rewindTo))
                {
                    status.LastError = "a reorganisation was found; the anchors it may have undone could not be checked yet";
                    return true;
                }

                logger.LogWarning("reorganisation at block {Block}: re-reading from block {From}", checkpoint.BlockNumber, rewindTo + 1);
                checkpoint = new IndexCheckpoint(genesis.BlockHash, rewindTo, block.BlockHash);
                store.RollbackAfter(rewindTo, checkpoint);
            }
        }

        var from = checkpoint is null ? deployment.Block : checkpoint.BlockNumber + 1;
        if (from > latest)
        {
            status.IndexedBlock = latest;
            return true;
        }

        var to = Math.Min(latest, from + (ulong)options.Value.BlocksPerRead - 1);
        var logs = await _web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            Address = [deployment.Registry],
            FromBlock = new BlockParameter(new HexBigInteger(from)),
            ToBlock = new BlockParameter(new HexBigInteger(to)),
        });

        var times = new Dictionary<ulong, DateTimeOffset>();
        foreach (var number in logs.Select(l => (ulong)l.BlockNumber.Value).Distinct())
        {
            var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(number));
            times[number] = DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
        }

        var last = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(to));
        var ordered = logs.OrderBy(l => l.BlockNumber.Value).ThenBy(l => l.LogIndex.Value).ToList();
        store.Apply(ordered, times, new IndexCheckpoint(genesis.BlockHash, to, last.BlockHash));
        status.IndexedBlock = to;
        return to == latest;
    }
}
