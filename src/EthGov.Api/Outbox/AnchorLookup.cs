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
/// Finds the transaction that anchored a digest or a batch root, from the registry's events. The batcher
/// uses it after a restart or a lost answer, when the chain says "already anchored" for its own batch.
/// </summary>
public sealed class AnchorLookup(IOptions<ChainOptions> chain, Deployment deployment)
{
    private readonly Nethereum.Web3.Web3 _web3 = ChainConnection.CreateWeb3(chain.Value);
    private readonly RevertDecoder _decoder = new(RegistryArtifact.Embedded);

    /// <summary>The anchoring of <paramref name="batch"/> on chain: its department and transaction, or null when none.</summary>
    public Task<ChainResult<(uint DepartmentId, TransactionOutcome Outcome)?>> FindAsync(BatchRecord batch)
        => _decoder.RunAsync(async () =>
        {
            // The topics are written out: Nethereum's CreateFilterInput(byte[] ...) matched nothing for a bytes32 topic,
            // and a batch sent just before a crash was then marked failed instead of confirmed.
            var signature = batch.IsSingle
                ? _web3.Eth.GetEvent<DocumentAnchoredEvent>(deployment.Registry).EventABI.Sha3Signature
                : _web3.Eth.GetEvent<BatchAnchoredEvent>(deployment.Registry).EventABI.Sha3Signature;
            var logs = await _web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
            {
                Address = [deployment.Registry],
                FromBlock = new BlockParameter(new HexBigInteger(deployment.Block)),
                ToBlock = BlockParameter.CreateLatest(),
                Topics = ["0x" + signature.ToLowerInvariant().Replace("0x", string.Empty, StringComparison.Ordinal), batch.Root.ToString()],
            });
            var log = logs.Length == 0 ? null : logs[0];
            uint departmentId = log is null ? 0
                : batch.IsSingle ? log.DecodeEvent<DocumentAnchoredEvent>().Event.DepartmentId
                : log.DecodeEvent<BatchAnchoredEvent>().Event.DepartmentId;

            if (log is null)
            {
                return ((uint, TransactionOutcome)?)null;
            }

            var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(log.BlockNumber);
            var outcome = new TransactionOutcome(log.TransactionHash, (ulong)log.BlockNumber.Value, log.BlockHash,
                DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value), 0);
            return (departmentId, outcome);
        });
}
