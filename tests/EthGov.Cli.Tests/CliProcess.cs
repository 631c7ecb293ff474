using System.Diagnostics;

namespace EthGov.Cli.Tests;

/// <summary>What one run of the real <c>ethgov</c> program printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built <c>ethgov</c> as a separate process, as a user would.</summary>
public static class CliProcess
{
    private static readonly string s_dll = Path.Combine(AppContext.BaseDirectory, "ethgov.dll");

    /// <summary>Runs <c>ethgov</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<CliRun> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
        => RunWithInputAsync(workingDirectory, environment, string.Empty, args);

    /// <summary>Runs <c>ethgov</c> with <paramref name="args"/>, writing <paramref name="input"/> to its standard input.</summary>
    public static async Task<CliRun> RunWithInputAsync(string workingDirectory, IDictionary<string, string>? environment, string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
