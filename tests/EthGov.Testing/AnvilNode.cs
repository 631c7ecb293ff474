using System.Globalization;

namespace EthGov.Testing;

/// <summary>
/// Foundry's anvil (from the npm package @foundry-rs/anvil) configured like EthGov's Besu network:
/// its own chain id, zero base fee and gas price, and blocks on a timer instead of automine. Besu itself
/// cannot be installed on these machines, so this second, independent client stands in for it.
/// </summary>
public static class AnvilNode
{
    /// <summary>The executable inside node_modules.</summary>
    public static string Executable => RepositoryPaths.Combine("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>
    /// Starts anvil with <paramref name="chainId"/>, free gas and a block every <paramref name="blockSeconds"/> seconds,
    /// and, when given, the block gas limit <paramref name="blockGasLimit"/> (anvil's own default otherwise).
    /// </summary>
    public static Task<NodeProcess> StartZeroGasAsync(ulong chainId, int blockSeconds, ulong? blockGasLimit = null, CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", chainId.ToString(CultureInfo.InvariantCulture),
            "--base-fee", "0", "--gas-price", "0",
            "--block-time", blockSeconds.ToString(CultureInfo.InvariantCulture),
            "--hardfork", "prague",
            "--code-size-limit", "24576",
            .. blockGasLimit is { } limit ? new[] { "--gas-limit", limit.ToString(CultureInfo.InvariantCulture) } : [],
        ];
        return NodeProcess.StartAsync(Executable, arguments, port, cancellationToken);
    }
}
