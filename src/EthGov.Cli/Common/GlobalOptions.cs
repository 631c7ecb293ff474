using System.CommandLine;

namespace EthGov.Cli.Common;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    /// <summary>JSON-RPC endpoint.</summary>
    public static readonly Option<string> Rpc = new("--rpc")
    {
        Description = "JSON-RPC endpoint of the chain (env ETHGOV_RPC_URL)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_RPC_URL") ?? "http://127.0.0.1:8545",
    };

    /// <summary>Expected chain id.</summary>
    public static readonly Option<ulong?> ChainId = new("--chain-id")
    {
        Description = "Chain id the endpoint must report (default: the deployment's, else 31337)",
        Recursive = true,
    };

    /// <summary>Fixed legacy gas price in wei, as the API's <c>Chain:GasPriceWei</c>.</summary>
    public static readonly Option<string?> GasPrice = new("--gas-price")
    {
        Description = "Gas price in wei for transactions, as the API's Chain:GasPriceWei: 0 on a free-gas network such as the Besu profile (env ETHGOV_GAS_PRICE_WEI; default: the node's EIP-1559 fee suggestion)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_GAS_PRICE_WEI"),
    };

    /// <summary>Deployment file.</summary>
    public static readonly Option<string?> Deployment = new("--deployment")
    {
        Description = "Deployment file written by `ethgov deploy` (default: deployments/<chainId>.json)",
        Recursive = true,
    };

    /// <summary>Signer key.</summary>
    public static readonly Option<string?> KeyFile = new("--key-file")
    {
        Description = "Signer key: a Web3 Secret Storage keystore file (password from ETHGOV_KEY_PASSWORD or a prompt), or dev:N on chain 31337 (env ETHGOV_KEY_FILE)",
        Recursive = true,
    };

    /// <summary>Machine-readable output.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON to stdout",
        Recursive = true,
    };

    /// <summary>Lets the CLI ask department nodes on loopback and private addresses (a development setup).</summary>
    public static readonly Option<bool> AllowPrivateNodes = new("--allow-private-nodes")
    {
        Description = "Ask department nodes whose on-chain URL is on a loopback or private address, as in the development setup (env ETHGOV_ALLOW_PRIVATE_NODES=true)",
        Recursive = true,
        DefaultValueFactory = _ => string.Equals(Environment.GetEnvironmentVariable("ETHGOV_ALLOW_PRIVATE_NODES"), "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Adds the global options to <paramref name="root"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Rpc);
        root.Options.Add(ChainId);
        root.Options.Add(GasPrice);
        root.Options.Add(Deployment);
        root.Options.Add(KeyFile);
        root.Options.Add(Json);
        root.Options.Add(AllowPrivateNodes);
        root.Options.Add(NodeStore.Provider);
        root.Options.Add(NodeStore.ConnectionString);
    }
}
