using System.Diagnostics;
using System.Text.Json;

namespace EthGov.LoadTest.Api;

/// <summary>
/// What one wrk run reported through bench/wrk/common.lua (latencies in microseconds); <see cref="Wrong"/> holds each
/// thread's count of wrong answers for scripts that check them (zeros otherwise).
/// </summary>
internal sealed record WrkResult(
    long Requests,
    long DurationUs,
    long Bytes,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long StatusErrors,
    long Timeouts,
    long P50Us,
    long P90Us,
    long P99Us,
    long MaxUs,
    double MeanUs,
    long[] Counters,
    long[]? Wrong = null)
{
    /// <summary>Responses with a 2xx status.</summary>
    public long Succeeded => Requests - StatusErrors;

    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;

    /// <summary>Answers the script found wrong, over all threads.</summary>
    public long WrongAnswers => Wrong?.Sum() ?? 0;
}

/// <summary>Runs wrk (Debian's package) with one of the Lua scripts in bench/wrk against loopback.</summary>
internal sealed class WrkRunner(string wrkPath, string scriptDirectory, Uri api)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The folder of the Lua scripts.</summary>
    public string ScriptDirectory => scriptDirectory;

    /// <remarks><paramref name="started"/> is given wrk's process id once it runs (SIGINT ends a run early with its results).</remarks>
    public async Task<WrkResult> RunAsync(
        string script, int threads, int connections, TimeSpan duration, IReadOnlyDictionary<string, string> environment, string path, CancellationToken cancellationToken,
        Action<int>? started = null)
    {
        var start = new ProcessStartInfo(wrkPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s",
            "--timeout", "10s",
            "-s", Path.Combine(scriptDirectory, script),
            new Uri(api, path).ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {wrkPath}");
        started?.Invoke(process.Id);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK_RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}): {(await stderr).Trim()} {output.Trim()}");
        }

        return JsonSerializer.Deserialize<WrkResult>(line["WRK_RESULT ".Length..], s_json)
            ?? throw new InvalidOperationException("wrk printed no result");
    }
}
