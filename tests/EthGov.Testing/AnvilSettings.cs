namespace EthGov.Testing;

/// <summary>How <see cref="AnvilNode"/> starts anvil. The defaults match Hardhat's dev chain: chain id 31337, the same dev accounts, automine.</summary>
public sealed record AnvilSettings
{
    /// <summary>The port; a free one when null.</summary>
    public int? Port { get; init; }

    /// <summary>The chain id.</summary>
    public ulong ChainId { get; init; } = 31337;

    /// <summary>Seconds between blocks; null mines each transaction at once (automine).</summary>
    public int? BlockSeconds { get; init; }

    /// <summary>Zero base fee and gas price, like EthGov's Besu network.</summary>
    public bool ZeroGas { get; init; }

    /// <summary>The block gas limit; anvil's own default when null.</summary>
    public ulong? BlockGasLimit { get; init; }

    /// <summary>
    /// A file anvil loads its chain from at start and writes it to when stopped with <see cref="NodeProcess.StopAsync"/>,
    /// so a restarted node has the same chain and an empty pool.
    /// </summary>
    public string? StateFile { get; init; }
}
