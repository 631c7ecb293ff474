using System.Diagnostics;
using System.Globalization;

namespace EthGov.LoadTest.Storage;

/// <summary>
/// One process of the storage benchmark, started here so that the case can add a replica, kill one with SIGKILL and time
/// what follows: CIVIL's node (the API in Release with the setup's signer, rate limits raised so that the load generator sets the
/// pace, as scripts/bench.sh starts the API case's node) on a given store, or the reference endpoint. Its output goes to
/// a log file in the work folder.
/// </summary>
internal sealed class StorageNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private long _lastTicks;

    private StorageNode(string name, Uri url, Process process, string log, StreamWriter writer)
    {
        _log = writer;
        Name = name;
        Url = url;
        _process = process;
        Log = log;
    }

    public string Name { get; }

    public Uri Url { get; }

    public string Log { get; }

    public int Pid => _process.Id;

    public bool IsRunning => !_process.HasExited;

    /// <summary>CPU time the process has used so far, in clock ticks; once it is gone, what it had used when last read or killed.</summary>
    public long CpuTicks
    {
        get
        {
            if (!_process.HasExited && Processes.ProcStat.CpuTicks(Pid) is > 0 and var ticks)
            {
                _lastTicks = Math.Max(_lastTicks, ticks);
            }

            return _lastTicks;
        }
    }

    /// <summary>
    /// Starts CIVIL's node as <paramref name="name"/> on a free loopback port with its own data directory and sender lock
    /// folder under the setup's work folder, and the store settings in <paramref name="store"/>.
    /// </summary>
    public static Task<StorageNode> StartApiAsync(NodeSetup setup, string name, IReadOnlyDictionary<string, string> store, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var home = Path.Combine(setup.Work, name);
        var environment = new Dictionary<string, string>(store)
        {
            ["Chain__RpcUrl"] = setup.Rpc.ToString(),
            ["Chain__ChainId"] = "31337",
            ["EthGov__DeploymentFile"] = setup.Deployment,
            ["EthGov__DataDirectory"] = Path.Combine(home, "data"),
            ["EthGov__Signers__CIVIL"] = setup.Signer,
            ["EthGov__SenderLockDirectory"] = Path.Combine(home, "locks"),
            ["EthGov__RateLimit__PermitsPerSecondPerKey"] = "10000000",
            ["EthGov__RateLimit__PermitsPerSecondAnonymous"] = "10000000",
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),

            // As a department runs its node: Production (no developer exception page, no scope validation on every
            // service resolved), so with the public base URL that Production requires.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["EthGov__PublicBaseUrl"] = url.ToString(),
        };
        return StartAsync(name, url, home, [setup.ApiDll, "--contentRoot", setup.ContentRoot], environment, cancellationToken);
    }

    /// <summary>
    /// Starts the reference endpoint (<c>reference-server</c> of this program) on a free loopback port as
    /// <paramref name="name"/>; with <paramref name="key"/>, behind ASP.NET Core's pipeline (<see cref="ReferencePipeline"/>).
    /// </summary>
    public static Task<StorageNode> StartReferenceAsync(string work, string name, string? key, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var home = Path.Combine(work, name);
        var self = typeof(StorageNode).Assembly.Location;
        // Server GC keeping the memory it frees, as the node runs it (the Web SDK's default for an ASP.NET Core app, and
        // the API's RetainVMGarbageCollection): this program is a console program, whose default is workstation GC, and
        // the collectors and their settings differ in throughput on the same load.
        var environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["DOTNET_GCRetainVM"] = "1" };
        if (key is not null)
        {
            environment[ReferencePipeline.KeyVariable] = key;
        }

        return StartAsync(name, url, home, [self, "reference-server", "--url", url.ToString(), "--data-dir", Path.Combine(home, "data")], environment, cancellationToken);
    }

    private static async Task<StorageNode> StartAsync(
        string name, Uri url, string home, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(home);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Every method compiled once, fully optimised, when first called (not from ReadyToRun images, not recompiled in the
        // background): a run of seconds measures the code a node runs after hours, not its recompilation, which perf
        // showed taking a third of a fresh node's CPU a minute into the load, and the reference the same way.
        start.Environment["DOTNET_TieredCompilation"] = "0";
        start.Environment["DOTNET_ReadyToRun"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = Path.Combine(home, "process.log");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new StorageNode(name, url, process, log, writer);
        await node.WaitLiveAsync(cancellationToken);
        return node;
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private async Task WaitLiveAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(180))
            {
                throw new InvalidOperationException($"{Name} did not start on {Url} (log: {Log})");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/health/live"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>kill -9: the process ends at once, without closing anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _ = CpuTicks;
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("TERM", Pid);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    /// <summary>Sends signal <paramref name="name"/> (TERM, INT) to <paramref name="pid"/> through kill(1).</summary>
    public static void Signal(string name, int pid)
    {
        using var kill = Process.Start("kill", ["-s", name, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// What every node of the storage benchmark is started with: the API's build, the chain, the registry and CIVIL's signer
/// in it. The node on SQLite and the replicas on PostgreSQL run at the same time with a registry each, so each has a signer
/// of its own: a node stops sending when it finds another process sending with its key.
/// </summary>
internal sealed record NodeSetup(string ApiDll, string ContentRoot, Uri Rpc, string Deployment, string Signer, string Work);
