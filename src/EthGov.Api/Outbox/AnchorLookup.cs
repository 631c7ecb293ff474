using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using Microsoft.Extensions.Options;
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
            var from = new BlockParameter(new HexBigInteger(deployment.Block));
            FilterLog? log;
            uint departmentId;
            if (batch.IsSingle)
            {
                var handler = _web3.Eth.GetEvent<DocumentAnchoredEvent>(deployment.Registry);
                var found = await handler.GetAllChangesAsync(handler.CreateFilterInput(batch.Root.ToArray(), from, BlockParameter.CreateLatest()));
                log = found.Count == 0 ? null : found[0].Log;
                departmentId = found.Count == 0 ? 0 : found[0].Event.DepartmentId;
            }
            else
            {
                var handler = _web3.Eth.GetEvent<BatchAnchoredEvent>(deployment.Registry);
                var found = await handler.GetAllChangesAsync(handler.CreateFilterInput(batch.Root.ToArray(), from, BlockParameter.CreateLatest()));
                log = found.Count == 0 ? null : found[0].Log;
                departmentId = found.Count == 0 ? 0 : found[0].Event.DepartmentId;
            }

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
