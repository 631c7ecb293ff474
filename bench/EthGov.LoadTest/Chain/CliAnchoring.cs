using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace EthGov.LoadTest.Chain;

/// <summary>What <c>ethgov anchor</c> on a folder achieved, process start to exit.</summary>
internal sealed record CliResult(
    int Files,
    int ExitCode,
    double ElapsedSeconds,
    double DocumentsPerSecond,
    int Anchored,
    int Batches,
    double GasPerDocument,
    string Command);

/// <summary>
/// Runs the built CLI as a user would: <c>ethgov deploy</c> to a fresh registry, then
/// <c>ethgov anchor &lt;folder&gt; --key-file dev:1</c> on a folder of small files, timed from process start
/// to exit (runtime start-up, hashing, batching, transactions and one receipt file per document).
/// </summary>
internal static class CliAnchoring
{
    public static async Task<CliResult> RunAsync(string cliDll, string departmentsFile, Uri rpc, string workDirectory, int files, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workDirectory, "documents");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        for (int i = 0; i < files; i++)
        {
            // About 300 bytes each, every one distinct: a small certificate.
            var text = new StringBuilder()
                .Append("EthGov benchmark certificate ").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
                .Append("Holder: citizen ").Append(i * 7919 % 1_000_003).Append('\n')
                .Append(new string('.', 240)).Append('\n')
                .ToString();
            await File.WriteAllTextAsync(Path.Combine(folder, $"certificate-{i:D6}.txt"), text, cancellationToken);
        }

        var deployment = Path.Combine(workDirectory, "deployment.json");
        string[] common = ["--rpc", rpc.ToString(), "--deployment", deployment, "--json"];
        var deploy = await RunCliAsync(cliDll, ["deploy", "--departments", departmentsFile, .. common], cancellationToken);
        if (deploy.ExitCode != 0)
        {
            throw new InvalidOperationException($"ethgov deploy failed ({deploy.ExitCode}): {deploy.Error}");
        }

        string[] anchorArgs = ["anchor", folder, "--key-file", "dev:1", .. common];
        var clock = Stopwatch.StartNew();
        var anchor = await RunCliAsync(cliDll, anchorArgs, cancellationToken);
        clock.Stop();
        if (anchor.ExitCode != 0)
        {
            throw new InvalidOperationException($"ethgov anchor failed ({anchor.ExitCode}): {anchor.Error}");
        }

        using var summary = JsonDocument.Parse(anchor.Output);
        int anchored = summary.RootElement.GetProperty("anchored").GetInt32();
        ulong gas = summary.RootElement.GetProperty("gasUsed").GetUInt64();
        return new CliResult(
            files,
            anchor.ExitCode,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            Math.Round(anchored / clock.Elapsed.TotalSeconds, 1),
            anchored,
            summary.RootElement.GetProperty("batches").GetInt32(),
            anchored == 0 ? 0 : Math.Round((double)gas / anchored, 1),
            "dotnet src/EthGov.Cli/bin/Release/net10.0/ethgov.dll " + string.Join(' ', anchorArgs.Select(a => a == folder ? "<folder>" : a == deployment ? "<deployment.json>" : a)));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunCliAsync(string cliDll, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
