using EthGov.Api.Outbox;
using EthGov.Chain.Blocks;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.ChainState;

/// <summary>
/// After a reorganisation, checks the confirmed batches whose blocks it may have undone: a batch whose block hash is
/// no longer on chain is looked up again (re-included elsewhere: its record, and so its receipts, follow the new block)
/// or put back to pending, so the batcher sends it again and no receipt names a block that vanished.
/// </summary>
public sealed class VanishedAnchors(BatchStore batches, AnchorLookup lookup, IOptions<ChainOptions> chain, ILogger<VanishedAnchors> logger)
{
    private readonly BlockReader _blocks = new(chain.Value);

    /// <summary>Re-checks batches confirmed after <paramref name="block"/>; false when the chain could not tell (try again).</summary>
    public async Task<bool> RecheckAsync(ulong block)
    {
        foreach (var batch in batches.ConfirmedAfter(block).ToList())
        {
            var onChain = await _blocks.ByNumberAsync(batch.BlockNumber!.Value);
            if (onChain is not null && string.Equals(onChain.Hash, batch.BlockHash, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var found = await lookup.FindAsync(batch);
            if (!found.IsSuccess)
            {
                return false;
            }

            if (found.Value is { } anchored)
            {
                var outcome = anchored.Outcome;
                batches.Update(batch with { TransactionHash = outcome.TransactionHash, BlockNumber = outcome.BlockNumber, BlockHash = outcome.BlockHash, BlockTime = outcome.BlockTime });
                logger.LogWarning("batch {Batch}: block {Block} vanished in a reorganisation; the anchor is now in block {NewBlock}", batch.Id, batch.BlockNumber, outcome.BlockNumber);
                continue;
            }

            batches.Update(batch with
            {
                State = BatchState.Pending,
                Error = $"block {batch.BlockNumber} vanished in a reorganisation",
                TransactionHash = null,
                BlockNumber = null,
                BlockHash = null,
                BlockTime = null,
                NextAttemptAt = DateTimeOffset.UtcNow,
            });
            logger.LogWarning("batch {Batch}: block {Block} vanished in a reorganisation; the batch is sent again", batch.Id, batch.BlockNumber);
        }

        return true;
    }
}
