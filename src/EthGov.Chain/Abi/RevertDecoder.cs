using System.Net.Http;
using System.Net.Sockets;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;

namespace EthGov.Chain.Abi;

/// <summary>
/// Turns the exceptions Nethereum throws into <see cref="ChainError"/>s, decoding custom errors with the
/// registry's ABI. This is the only place that catches Nethereum's exceptions.
/// </summary>
public sealed class RevertDecoder(RegistryArtifact artifact)
{
    private readonly FunctionCallDecoder _decoder = new();

    /// <summary>Runs an operation and returns its value or its decoded failure.</summary>
    public async Task<ChainResult<T>> RunAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return ChainResult<T>.Ok(await operation());
        }
        catch (Exception ex) when (Decode(ex) is { } error)
        {
            return ChainResult<T>.Fail(error);
        }
    }

    /// <summary>Decodes an exception from Nethereum, or null when it is not a chain failure (a bug to surface).</summary>
    public ChainError? Decode(Exception exception) => exception switch
    {
        SmartContractCustomErrorRevertException custom => DecodeData(custom.ExceptionEncodedData),
        ChainOperationException known => known.Error,
        Deployments.WrongChainException wrong => new ChainError(ChainErrorKind.Rejected, "WrongChain", new Dictionary<string, object?>(), wrong.Message),
        RpcResponseException rpc when RevertData(rpc) is { } data => DecodeData(data),
        RpcResponseException rpc => ChainError.Rejected(rpc.RpcError?.Message ?? rpc.Message),
        RpcClientTimeoutException timeout => ChainError.Unavailable(timeout.Message),
        RpcClientUnknownException unknown => ChainError.Unavailable(unknown.InnerException?.Message ?? unknown.Message),
        HttpRequestException http => ChainError.Unavailable(http.Message),
        SocketException socket => ChainError.Unavailable(socket.Message),
        TaskCanceledException canceled when !canceled.CancellationToken.IsCancellationRequested => ChainError.Unavailable("the node did not answer in time"),
        _ => null,
    };

    /// <summary>Decodes ABI-encoded revert data (selector + arguments).</summary>
    public ChainError DecodeData(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length < 10)
        {
            return new ChainError(ChainErrorKind.Reverted, "Reverted", new Dictionary<string, object?>(), "the transaction reverted without a reason");
        }

        var selector = data[..10].ToLowerInvariant();
        var error = artifact.Abi.Errors.FirstOrDefault(e => "0x" + e.Sha3Signature.ToLowerInvariant() == selector);
        if (error is null)
        {
            return new ChainError(ChainErrorKind.Reverted, "UnknownError", new Dictionary<string, object?> { ["selector"] = selector }, $"the contract reverted with unknown error {selector}");
        }

        var arguments = _decoder.DecodeError(error, data)
            .ToDictionary(p => p.Parameter.Name, p => Normalize(p.Result));
        var result = new ChainError(ChainErrorKind.Reverted, error.Name, arguments, error.Name);
        return result with { Message = result.ToString() };
    }

    private static object? Normalize(object? value) => value switch
    {
        byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
        _ => value,
    };

    private static string? RevertData(RpcResponseException rpc)
    {
        var data = rpc.RpcError?.Data?.ToString();
        if (data is not null && data.StartsWith("0x", StringComparison.Ordinal))
        {
            return data;
        }

        // Some nodes nest the revert data: {"data": {"data": "0x..."}}.
        if (rpc.RpcError?.Data is Newtonsoft.Json.Linq.JObject obj && obj["data"]?.ToString() is { } nested && nested.StartsWith("0x", StringComparison.Ordinal))
        {
            return nested;
        }

        return null;
    }
}
