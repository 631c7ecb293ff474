using EthGov.Chain.Bindings;
using EthGov.Chain.Deployments;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// What the chain holds, counted from the registry's events: every <c>DocumentAnchored</c> digest and every
/// <c>BatchAnchored</c> root with its document count, each as often as it was emitted.
/// </summary>
public sealed record ChainAnchors(IReadOnlyList<Digest> Documents, IReadOnlyList<(Digest Root, uint Count)> Batches, ulong LatestBlock)
{
    /// <summary>Reads every anchoring event of <paramref name="deployment"/>'s registry on the node at <paramref name="rpcUrl"/>.</summary>
    public static async Task<ChainAnchors> ReadAsync(Uri rpcUrl, Deployment deployment)
    {
        var web3 = ChainConnection.CreateWeb3(new ChainOptions { RpcUrl = rpcUrl, ChainId = deployment.ChainId });
        var latest = (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var from = new BlockParameter(new HexBigInteger(deployment.Block));
        var to = new BlockParameter(new HexBigInteger(latest));
        var singles = web3.Eth.GetEvent<DocumentAnchoredEvent>(deployment.Registry);
        var batches = web3.Eth.GetEvent<BatchAnchoredEvent>(deployment.Registry);
        var documents = await singles.GetAllChangesAsync(singles.CreateFilterInput(from, to));
        var roots = await batches.GetAllChangesAsync(batches.CreateFilterInput(from, to));
        return new ChainAnchors(
            [.. documents.Select(e => new Digest(e.Event.Digest))],
            [.. roots.Select(e => (new Digest(e.Event.Root), e.Event.DocumentCount))],
            latest);
    }

    /// <summary>The node's latest block number.</summary>
    public static async Task<ulong> BlockNumberAsync(Uri rpcUrl)
    {
        var web3 = ChainConnection.CreateWeb3(new ChainOptions { RpcUrl = rpcUrl });
        return (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
    }
}
