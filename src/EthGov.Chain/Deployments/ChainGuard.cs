using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Deployments;

/// <summary>Checks that the node is the chain the configuration names, and that the registry is really there.</summary>
public static class ChainGuard
{
    /// <summary>Fails when the node reports another chain id.</summary>
    public static async Task RequireChainIdAsync(IWeb3 web3, ulong expected)
    {
        var actual = (ulong)(await web3.Eth.ChainId.SendRequestAsync()).Value;
        if (actual != expected)
        {
            throw new WrongChainException($"the node reports chain id {actual}, the configuration expects {expected}");
        }
    }

    /// <summary>
    /// Describes what is wrong with <paramref name="deployment"/> on the node, or null when it is in place:
    /// another chain id, another genesis (a wiped dev chain), or no registry code at the address.
    /// </summary>
    public static async Task<string?> DescribeMismatchAsync(IWeb3 web3, Deployment deployment)
    {
        var chainId = (ulong)(await web3.Eth.ChainId.SendRequestAsync()).Value;
        if (chainId != deployment.ChainId)
        {
            return $"the node reports chain id {chainId}, the deployment is for {deployment.ChainId}";
        }

        var genesis = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(0));
        if (!string.Equals(genesis.BlockHash, deployment.GenesisHash, StringComparison.OrdinalIgnoreCase))
        {
            return "the chain was reset: its genesis block differs from the one the registry was deployed on; redeploy (ethgov deploy) and re-anchor the outbox";
        }

        var code = await web3.Eth.GetCode.SendRequestAsync(deployment.Registry);
        if (string.IsNullOrEmpty(code) || code == "0x")
        {
            return $"no contract code at the registry address {deployment.Registry}";
        }

        return null;
    }
}
