using System.Globalization;

namespace EthGov.Testing;

/// <summary>
/// Foundry's anvil (from the npm package @foundry-rs/anvil), a second, independent client: like geth and Besu it queues
/// a transaction whose nonce is ahead of the chain. Configured like EthGov's Besu network (its own chain id, zero base fee
/// and gas price, blocks on a timer) it stands in for Besu, which cannot be installed on these machines.
/// </summary>
public static class AnvilNode
{
    /// <summary>The native executable inside node_modules (the npm wrapper drops exit codes).</summary>
    public static string Executable => RepositoryPaths.Combine("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>
    /// Starts anvil with <paramref name="chainId"/>, free gas and a block every <paramref name="blockSeconds"/> seconds,
    /// and, when given, the block gas limit <paramref name="blockGasLimit"/> (anvil's own default otherwise).
    /// </summary>
    public static Task<NodeProcess> StartZeroGasAsync(ulong chainId, int blockSeconds, ulong? blockGasLimit = null, CancellationToken cancellationToken = default)
        => StartAsync(new AnvilSettings { ChainId = chainId, ZeroGas = true, BlockSeconds = blockSeconds, BlockGasLimit = blockGasLimit }, cancellationToken);

    /// <summary>Starts anvil as <paramref name="settings"/> say and waits until it answers JSON-RPC.</summary>
    public static Task<NodeProcess> StartAsync(AnvilSettings settings, CancellationToken cancellationToken = default)
    {
        var port = settings.Port ?? FreePort.Next();
        var arguments = new List<string>
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", settings.ChainId.ToString(CultureInfo.InvariantCulture),
            "--hardfork", "prague",
            "--code-size-limit", "24576",
        };
        if (settings.ZeroGas)
        {
            arguments.AddRange(["--base-fee", "0", "--gas-price", "0"]);
        }

        if (settings.BlockSeconds is { } seconds)
        {
            arguments.AddRange(["--block-time", seconds.ToString(CultureInfo.InvariantCulture)]);
        }

        if (settings.BlockGasLimit is { } limit)
        {
            arguments.AddRange(["--gas-limit", limit.ToString(CultureInfo.InvariantCulture)]);
        }

        if (settings.StateFile is { } state)
        {
            // Blocks and receipts are kept with the state, so the restarted node is the same chain (same genesis hash).
            arguments.AddRange(["--state", state, "--preserve-historical-states"]);
        }

        return NodeProcess.StartAsync(Executable, arguments, port, cancellationToken);
    }
}
