using System.Collections.Concurrent;
using System.Diagnostics;
using EthGov.Api.Auth;

namespace EthGov.Testing;

/// <summary>
/// The built EthGov.Api as its own process, started as an operator would (environment variables, a data directory,
/// a fixed loopback port so a restarted API answers where the old one did). Every line it prints is kept, so tests
/// can search its logs; <see cref="KillAsync"/> is a kill -9.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private int _disposed;

    private ApiProcess(Process process, ConcurrentQueue<string> output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the API listens.</summary>
    public Uri BaseUrl { get; }

    /// <summary>An absolute URL on the API.</summary>
    public string Url(string path) => BaseUrl.ToString().TrimEnd('/') + path;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process still runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the API with <paramref name="settings"/> (and <paramref name="extra"/> environment variables) and waits until it answers /health/live.</summary>
    public static async Task<ApiProcess> StartAsync(ApiSettings settings, IReadOnlyDictionary<string, string>? extra = null)
    {
        var contentRoot = RepositoryPaths.Combine("src", "EthGov.Api");
        var dll = Path.Combine(contentRoot, "bin", BuildConfiguration(), "net10.0", "EthGov.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build the solution first");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        foreach (var (key, value) in settings.Environment())
        {
            start.Environment[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, output, settings.BaseUrl);
        try
        {
            await api.WaitUntilServingAsync();
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    /// <summary>A client for the API, with <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, apiKey);
        }

        return client;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to exit by itself (for start-up refusals); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    /// <remarks>A second call does nothing: a test may stop a process on its way and again when it ends, passed or failed.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await KillAsync();
        _process.Dispose();
    }

    /// <summary>Starts the API and expects it to refuse: returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunRefusedAsync(ApiSettings settings, IReadOnlyDictionary<string, string>? extra = null)
    {
        var contentRoot = RepositoryPaths.Combine("src", "EthGov.Api");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(contentRoot, "bin", BuildConfiguration(), "net10.0", "EthGov.Api.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        foreach (var (key, value) in settings.Environment().Concat(extra ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the API did not refuse to start within 60 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    // The test assembly is built in the same configuration as the API it references: bin/<Configuration>/net10.0/.
    internal static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    // Start-up takes 2-5 s on an idle machine; a shared 2-core machine under heavy load has been seen to need over 60.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);

    private string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(60));

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + s_startTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the API exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health/live"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the API did not answer within {s_startTimeout.TotalSeconds:N0} s:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(100);
        }
    }
}
