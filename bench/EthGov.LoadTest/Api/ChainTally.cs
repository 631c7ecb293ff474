using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.LoadTest.Api;

/// <summary>Documents anchored on chain since a block, read from the registry's own events, and the gas they cost.</summary>
internal sealed record Tally(long Documents, int Transactions, long Gas);

/// <summary>Reads what the chain holds, independently of the API under test: its events and its receipts.</summary>
internal sealed class ChainTally(ChainOptions options, string registry)
{
    private readonly Web3 _web3 = ChainConnection.CreateWeb3(options);

    public async Task<ulong> BlockNumberAsync() => (ulong)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    /// <summary>Documents anchored (singly or in batches) after <paramref name="afterBlock"/>.</summary>
    public async Task<(long Documents, HashSet<string> Transactions)> CountAsync(ulong afterBlock)
    {
        var from = new BlockParameter(new HexBigInteger(afterBlock + 1));
        var batches = _web3.Eth.GetEvent<BatchAnchoredEvent>(registry);
        var singles = _web3.Eth.GetEvent<DocumentAnchoredEvent>(registry);
        var batchLogs = await batches.GetAllChangesAsync(batches.CreateFilterInput(from, BlockParameter.CreateLatest()));
        var singleLogs = await singles.GetAllChangesAsync(singles.CreateFilterInput(from, BlockParameter.CreateLatest()));
        var transactions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var log in batchLogs)
        {
            transactions.Add(log.Log.TransactionHash);
        }

        foreach (var log in singleLogs)
        {
            transactions.Add(log.Log.TransactionHash);
        }

        return (batchLogs.Sum(l => (long)l.Event.DocumentCount) + singleLogs.Count, transactions);
    }

    /// <summary>The count, the transactions and the gas their receipts report.</summary>
    public async Task<Tally> TallyAsync(ulong afterBlock)
    {
        var (documents, transactions) = await CountAsync(afterBlock);
        long gas = 0;
        foreach (var hash in transactions)
        {
            var receipt = await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
            gas += (long)receipt.GasUsed.Value;
        }

        return new Tally(documents, transactions.Count, gas);
    }
}
