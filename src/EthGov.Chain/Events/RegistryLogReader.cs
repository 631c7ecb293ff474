using EthGov.Chain.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Events;

/// <summary>
/// Reads the logs a registry emitted (<c>eth_getLogs</c>), for the event index. Failures are the client's exceptions;
/// <see cref="Rpc.RpcFailure"/> tells which of them mean the node could not answer.
/// </summary>
public sealed class RegistryLogReader(ChainOptions options)
{
    private readonly Web3 _web3 = ChainConnection.CreateWeb3(options);

    /// <summary>Every log the contract at <paramref name="address"/> emitted in blocks <paramref name="fromBlock"/> to <paramref name="toBlock"/>, in the node's order.</summary>
    public Task<IReadOnlyList<RegistryLog>> ReadAsync(string address, ulong fromBlock, ulong toBlock)
        => ReadAsync(new NewFilterInput
        {
            Address = [address],
            FromBlock = new BlockParameter(new HexBigInteger(fromBlock)),
            ToBlock = new BlockParameter(new HexBigInteger(toBlock)),
        });

    /// <summary>The logs that match <paramref name="filter"/>, in the node's order.</summary>
    internal async Task<IReadOnlyList<RegistryLog>> ReadAsync(NewFilterInput filter)
    {
        var logs = await _web3.Eth.Filters.GetLogs.SendRequestAsync(filter);
        return [.. logs.Select(RegistryLog.From)];
    }
}
