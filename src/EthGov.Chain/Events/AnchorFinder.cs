using System.Globalization;
using EthGov.Chain.Abi;
using EthGov.Chain.Blocks;
using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Events;

/// <summary>
/// Finds the transaction in which a department anchored a digest (<c>DocumentAnchored</c>) or a batch root
/// (<c>BatchAnchored</c>), from the registry's events. The department is an indexed topic: in registry 2.0 each
/// department has its own namespace, and another department's anchoring of the same value is none of its business.
/// </summary>
public sealed class AnchorFinder(ChainOptions options)
{
    private readonly RegistryLogReader _logs = new(options);
    private readonly BlockReader _blocks = new(options);
    private readonly RevertDecoder _decoder = new(RegistryArtifact.Embedded);

    /// <summary>
    /// The anchoring of <paramref name="value"/> (the digest when <paramref name="isSingle"/>, else the batch root) by
    /// <paramref name="departmentId"/> in the registry at <paramref name="registry"/>, searched from
    /// <paramref name="fromBlock"/> to the latest block; null when there is none.
    /// </summary>
    public Task<ChainResult<AnchoringFound?>> FindAsync(string registry, ulong fromBlock, Digest value, uint departmentId, bool isSingle)
        => _decoder.RunAsync(async () =>
        {
            // The topics are written out: Nethereum's CreateFilterInput(byte[] ...) matched nothing for a bytes32 topic,
            // and a batch sent just before a crash was then marked failed instead of confirmed.
            var signature = isSingle
                ? ABITypedRegistry.GetEvent<DocumentAnchoredEvent>().Sha3Signature
                : ABITypedRegistry.GetEvent<BatchAnchoredEvent>().Sha3Signature;
            var logs = await _logs.ReadAsync(new NewFilterInput
            {
                Address = [registry],
                FromBlock = new BlockParameter(new HexBigInteger(fromBlock)),
                ToBlock = BlockParameter.CreateLatest(),
                Topics = ["0x" + signature.ToLowerInvariant().Replace("0x", string.Empty, StringComparison.Ordinal), value.ToString(), DepartmentTopic(departmentId)],
            });
            if (logs.Count == 0)
            {
                return (AnchoringFound?)null;
            }

            // A namespace holds a value once: the first log is the anchoring (a later one would be another chain's history).
            var log = logs[0];
            ulong validUntil = isSingle ? Decode<DocumentAnchoredEvent>(log).ValidUntil : Decode<BatchAnchoredEvent>(log).ValidUntil;
            var block = await _blocks.ByNumberAsync(log.BlockNumber)
                ?? throw new InvalidOperationException($"block {log.BlockNumber} of an anchoring log is not on the node");
            var outcome = new TransactionOutcome(log.TransactionHash, log.BlockNumber, log.BlockHash, block.Time, 0);
            return new AnchoringFound(outcome, validUntil);
        });

    private static TEvent Decode<TEvent>(RegistryLog log)
        where TEvent : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new()
        => log.TryDecode<TEvent>(out var decoded) ? decoded : throw new InvalidOperationException($"log {log.LogIndex} of block {log.BlockNumber} is no {typeof(TEvent).Name}");

    private static string DepartmentTopic(uint departmentId) => "0x" + departmentId.ToString("x64", CultureInfo.InvariantCulture);
}
