using System.Text.Json;

namespace EthGov.Testing;

/// <summary>A local chain client a test started (Hardhat or anvil), answering JSON-RPC on a loopback port.</summary>
public interface IChainNode : IAsyncDisposable
{
    /// <summary>The port the node listens on.</summary>
    int Port { get; }

    /// <summary>The node's JSON-RPC URL.</summary>
    Uri RpcUrl { get; }

    /// <summary>Sends one JSON-RPC call (for test helpers such as evm_snapshot or anvil_dropTransaction).</summary>
    Task<JsonElement> CallAsync(string method, params object[] parameters);
}
