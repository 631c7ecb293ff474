using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Transactions;

/// <summary>
/// Confirms mined transactions: waits until a receipt's block is buried under <see cref="ChainOptions.Confirmations"/>
/// blocks, states where the transaction landed and when, and raises <see cref="Confirmed"/>. Give one instance to every
/// client whose writes the same process's reads must see at once (the API shares one between its signers and its
/// reader); a client made without one confirms through its own.
/// </summary>
public sealed class TransactionConfirmation
{
    private const int PollMilliseconds = 250;
    private readonly ConfirmedBlock _confirmed = new();

    /// <summary>The highest block a transaction was confirmed in through this instance, read-only.</summary>
    public ConfirmedBlock Confirmed => _confirmed;

    /// <summary>Waits until <paramref name="receipt"/>'s block has <paramref name="confirmations"/> blocks on top (itself included), then reads its time.</summary>
    internal async Task<TransactionOutcome> ConfirmAsync(IWeb3 web3, TransactionReceipt receipt, int confirmations, CancellationToken cancellationToken)
    {
        var target = receipt.BlockNumber.Value + confirmations - 1;
        while ((await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value < target)
        {
            await Task.Delay(PollMilliseconds, cancellationToken);
        }

        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(receipt.BlockNumber);
        _confirmed.Raise((ulong)receipt.BlockNumber.Value);
        return new TransactionOutcome(
            receipt.TransactionHash,
            (ulong)receipt.BlockNumber.Value,
            receipt.BlockHash,
            DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value),
            (ulong)receipt.GasUsed.Value);
    }
}
