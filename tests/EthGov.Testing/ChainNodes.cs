namespace EthGov.Testing;

/// <summary>Starts the node of a <see cref="ChainClient"/>.</summary>
public static class ChainNodes
{
    /// <summary>Starts <paramref name="client"/> on <paramref name="port"/> (a free one when null), chain id 31337 and the usual dev accounts.</summary>
    public static async Task<IChainNode> StartAsync(ChainClient client, int? port = null, CancellationToken cancellationToken = default) => client switch
    {
        ChainClient.Hardhat => await HardhatNode.StartAsync(port ?? FreePort.Next(), cancellationToken),
        ChainClient.Anvil => await AnvilNode.StartAsync(new AnvilSettings { Port = port, BlockSeconds = 1 }, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(client), client, null),
    };
}
