using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using Microsoft.Extensions.Options;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Api.Outbox;

/// <summary>
/// Finds the transaction in which the batch's department anchored its digest or batch root, from the registry's events
/// (the department is an indexed topic: in registry 2.0 each department has its own namespace, and another department's
/// anchoring of the same value is none of its business). The batcher uses it after a restart or a lost answer, when the
/// chain says "already anchored" for the department: the anchoring found is adopted.
/// </summary>
public sealed class AnchorLookup(IOptions<ChainOptions> chain, Deployment deployment)
{
    private readonly Nethereum.Web3.Web3 _web3 = ChainConnection.CreateWeb3(chain.Value);
    private readonly RevertDecoder _decoder = new(RegistryArtifact.Embedded);

    /// <summary>The department's anchoring of <paramref name="batch"/> on chain: its transaction and validity, or null when none.</summary>
    public Task<ChainResult<AnchoringFound?>> FindAsync(BatchRecord batch)
        => _decoder.RunAsync(async () =>
        {
            // The topics are written out: Nethereum's CreateFilterInput(byte[] ...) matched nothing for a bytes32 topic,
            // and a batch sent just before a crash was then marked failed instead of confirmed.
            // A batch kept from registry 1.x after a migration was anchored there (1.x logs the same events).
            var registry = batch.Registry ?? deployment.Registry;
            var signature = batch.IsSingle
                ? _web3.Eth.GetEvent<DocumentAnchoredEvent>(registry).EventABI.Sha3Signature
                : _web3.Eth.GetEvent<BatchAnchoredEvent>(registry).EventABI.Sha3Signature;
            var logs = await _web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
            {
                Address = [registry],
                FromBlock = new BlockParameter(new HexBigInteger(batch.Registry is null ? deployment.Block : 0)),
                ToBlock = BlockParameter.CreateLatest(),
                Topics = ["0x" + signature.ToLowerInvariant().Replace("0x", string.Empty, StringComparison.Ordinal), batch.Root.ToString(), DepartmentTopic(batch.AnchoringDepartmentId)],
            });
            if (logs.Length == 0)
            {
                return (AnchoringFound?)null;
            }

            // A namespace holds a value once: the first log is the anchoring (a later one would be another chain's history).
            var log = logs[0];
            ulong validUntil = batch.IsSingle ? log.DecodeEvent<DocumentAnchoredEvent>().Event.ValidUntil : log.DecodeEvent<BatchAnchoredEvent>().Event.ValidUntil;
            var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(log.BlockNumber);
            var outcome = new TransactionOutcome(log.TransactionHash, (ulong)log.BlockNumber.Value, log.BlockHash,
                DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value), 0);
            return new AnchoringFound(outcome, validUntil);
        });

    private static string DepartmentTopic(uint departmentId) => "0x" + departmentId.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A department's anchoring of a batch root or digest as the chain holds it.</summary>
/// <param name="Outcome">The anchoring transaction and its block.</param>
/// <param name="ValidUntil">The validity the chain recorded (Unix seconds, 0 for none), which may differ from the batch's request.</param>
public readonly record struct AnchoringFound(TransactionOutcome Outcome, ulong ValidUntil);
