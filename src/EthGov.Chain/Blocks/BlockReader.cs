using EthGov.Chain.Transactions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Blocks;

/// <summary>
/// Reads block numbers, hashes and times from the node, for callers that follow the chain (the event index, the check
/// of anchors a reorganisation may have undone). Failures are the client's exceptions; <see cref="Rpc.RpcFailure"/>
/// tells which of them mean the node could not answer.
/// </summary>
public sealed class BlockReader(ChainOptions options)
{
    private readonly Web3 _web3 = ChainConnection.CreateWeb3(options);

    /// <summary>The number of the node's latest block.</summary>
    public async Task<ulong> LatestNumberAsync()
        => (ulong)(await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    /// <summary>Block <paramref name="number"/>, or null when the node has no such block (yet, or any more).</summary>
    public async Task<BlockHeader?> ByNumberAsync(ulong number)
    {
        var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(number));
        return block is null ? null : new BlockHeader((ulong)block.Number.Value, block.BlockHash, DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value));
    }

    /// <summary>The hash of the chain's first block, which tells one chain from another (a wiped dev chain has a new one).</summary>
    public async Task<string> GenesisHashAsync()
        => (await ByNumberAsync(0))?.Hash ?? throw new InvalidOperationException("the node has no block 0");
}
