using Nethereum.JsonRpc.Client;

namespace EthGov.Chain.Rpc;

/// <summary>
/// Tells which exceptions of a JSON-RPC call mean the node could not be asked or refused the question, so that callers
/// outside this layer (a background reader that retries, a start-up check that names the endpoint) handle them without
/// naming Nethereum's client types.
/// </summary>
public static class RpcFailure
{
    /// <summary>The node could not be reached or did not answer: a failed HTTP request, a client error or a timeout.</summary>
    public static bool IsUnreachable(Exception exception)
        => exception is HttpRequestException or RpcClientUnknownException or RpcClientTimeoutException;

    /// <summary>The node answered with a JSON-RPC error instead of a result.</summary>
    public static bool IsErrorAnswer(Exception exception) => exception is RpcResponseException;
}
