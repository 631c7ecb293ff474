using System.Globalization;
using System.Text.Json;

namespace EthGov.Testing;

/// <summary>
/// A real Hardhat node (chain id 31337, automine) on a free loopback port, started from the repository's
/// node_modules and killed with its process tree when disposed.
/// </summary>
public sealed class HardhatNode : IChainNode
{
    private readonly NodeProcess _process;

    private HardhatNode(NodeProcess process) => _process = process;

    /// <summary>The port the node listens on.</summary>
    public int Port => _process.Port;

    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri RpcUrl => _process.RpcUrl;

    /// <summary>Starts a node and waits until it answers JSON-RPC.</summary>
    public static Task<HardhatNode> StartAsync(CancellationToken cancellationToken = default)
        => StartAsync(FreePort.Next(), cancellationToken);

    /// <summary>
    /// Starts a node on <paramref name="port"/>: a node started where a stopped one listened is the same endpoint
    /// with a wiped chain (Hardhat 3 has no <c>hardhat_reset</c>).
    /// </summary>
    public static async Task<HardhatNode> StartAsync(int port, CancellationToken cancellationToken = default)
    {
        var cli = RepositoryPaths.Combine("node_modules", "hardhat", "dist", "src", "cli.js");
        string[] arguments = [cli, "node", "--port", port.ToString(CultureInfo.InvariantCulture)];
        return new HardhatNode(await NodeProcess.StartAsync(RepositoryPaths.NodeExecutable, arguments, port, cancellationToken));
    }

    /// <summary>Sends one JSON-RPC call (for test helpers such as evm_increaseTime or evm_snapshot).</summary>
    public Task<JsonElement> CallAsync(string method, params object[] parameters) => _process.CallAsync(method, parameters);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
