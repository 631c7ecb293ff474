using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace EthGov.Testing;

/// <summary>A local chain client run as a child process on a loopback port, answering JSON-RPC.</summary>
public sealed class NodeProcess : IChainNode
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port the node listens on.</summary>
    public int Port { get; }

    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> and waits until it answers on <paramref name="port"/>.</summary>
    public static async Task<NodeProcess> StartAsync(string executable, IEnumerable<string> arguments, int port, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var node = new NodeProcess(process, port);

        // Nodes log every call; drain both pipes so they never block on a full buffer. The line a node prints once it
        // listens names its port: until then, whatever answers there is not this node.
        var listening = new System.Text.RegularExpressions.Regex($@":{port}(?!\d)");
        process.OutputDataReceived += (_, e) => node.NoteOutput(e.Data, listening);
        process.ErrorDataReceived += (_, e) => node.NoteOutput(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await node.WaitUntilReadyAsync(executable, cancellationToken);
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
        using var response = await s_http.PostAsJsonAsync(RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return doc.RootElement.GetProperty("result").Clone();
    }

    private void NoteOutput(string? line, System.Text.RegularExpressions.Regex listening)
    {
        if (line is not null && !_listening.Task.IsCompleted && listening.IsMatch(line))
        {
            _listening.TrySetResult();
        }
    }

    private async Task WaitUntilReadyAsync(string executable, CancellationToken cancellationToken)
    {
        // Start-up takes a second or two on an idle machine; a shared 2-core machine under a full test run has needed over 60.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(executable)} exited with code {_process.ExitCode}; run scripts/test.sh once to install it");
            }

            // Ports come from FreePort, free when asked, not reserved: under a full run another suite's node can take one
            // before this node binds it, and would answer for it. Only once this node said it listens is the answer its own.
            try
            {
                if (!_listening.Task.IsCompleted)
                {
                    throw new HttpRequestException("not listening yet");
                }

                await CallAsync("eth_chainId");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Stops the node as an operator's <c>kill</c> does (SIGTERM), so it can save its state, and waits for it to exit.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
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
