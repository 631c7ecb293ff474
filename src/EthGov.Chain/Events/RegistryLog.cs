using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Events;

/// <summary>One log a registry emitted, as the node returned it: where it stands in the chain and its raw topics and data.</summary>
/// <param name="Address">The contract that emitted it.</param>
/// <param name="BlockNumber">The block it is in.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="TransactionHash">The transaction that emitted it.</param>
/// <param name="LogIndex">Its index among the block's logs.</param>
/// <param name="Topics">The event's signature hash, then its indexed arguments, hex.</param>
/// <param name="Data">Its other arguments, ABI-encoded, hex.</param>
public sealed record RegistryLog(
    string Address, ulong BlockNumber, string BlockHash, string TransactionHash, ulong LogIndex, IReadOnlyList<string> Topics, string Data)
{
    /// <summary>Whether this is a <typeparamref name="TEvent"/>, decoded into <paramref name="decoded"/> when it is.</summary>
    public bool TryDecode<TEvent>(out TEvent decoded)
        where TEvent : IEventDTO, new()
    {
        var log = ToFilterLog();
        if (!log.IsLogForEvent<TEvent>())
        {
            decoded = default!;
            return false;
        }

        decoded = log.DecodeEvent<TEvent>().Event;
        return true;
    }

    internal static RegistryLog From(FilterLog log) => new(
        log.Address, (ulong)log.BlockNumber.Value, log.BlockHash, log.TransactionHash, (ulong)log.LogIndex.Value,
        [.. log.Topics.Select(t => t.ToString()!)], log.Data);

    // Nethereum's event decoding reads the node's log type; this gives it back what the node returned.
    private FilterLog ToFilterLog() => new()
    {
        Address = Address,
        BlockNumber = new HexBigInteger(BlockNumber),
        BlockHash = BlockHash,
        TransactionHash = TransactionHash,
        LogIndex = new HexBigInteger(LogIndex),
        Topics = [.. Topics],
        Data = Data,
    };
}
