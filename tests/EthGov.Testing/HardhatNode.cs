using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace EthGov.Testing;

/// <summary>
/// A real Hardhat node (chain id 31337) on a free loopback port, started from the repository's
/// node_modules and killed with its process tree when disposed.
/// </summary>
public sealed class HardhatNode : IAsyncDisposable
{
    private readonly Process _process;

    private HardhatNode(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port the node listens on.</summary>
    public int Port { get; }

    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts a node and waits until it answers JSON-RPC.</summary>
    public static async Task<HardhatNode> StartAsync(CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        var hardhat = RepositoryPaths.Combine("node_modules", "hardhat", "dist", "src", "cli.js");
        var start = new ProcessStartInfo(RepositoryPaths.NodeExecutable)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { hardhat, "node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start hardhat node");
        // The node logs every call; drain both pipes so it never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new HardhatNode(process, port);
        try
        {
            await node.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Sends one JSON-RPC call (for test helpers such as evm_increaseTime or evm_snapshot).</summary>
    public async Task<JsonElement> CallAsync(string method, params object[] parameters)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync(RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return doc.RootElement.GetProperty("result").Clone();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"hardhat node exited with code {_process.ExitCode}; run scripts/test.sh once to install it");
            }

            try
            {
                await CallAsync("eth_chainId");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
