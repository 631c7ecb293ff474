using Spectre.Console;

namespace EthGov.Cli.Anchoring;

/// <summary>Two progress bars on stderr (hashing, anchoring) drawn by Spectre.Console.</summary>
internal sealed class ConsoleProgress(ProgressTask hashing, ProgressTask anchoring) : IAnchorProgress
{
    public void Hashed() => hashing.Increment(1);

    public void Anchored(int documents) => anchoring.Increment(documents);

    /// <summary>Runs <paramref name="work"/> with bars sized for <paramref name="files"/> files.</summary>
    public static async Task<T> RunAsync<T>(int files, Func<IAnchorProgress, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var progress = new ConsoleProgress(ctx.AddTask("hashing", maxValue: Math.Max(files, 1)), ctx.AddTask("anchoring", maxValue: Math.Max(files, 1)));
                var result = await work(progress);
                progress.Finish();
                return result;
            });
    }

    private void Finish()
    {
        hashing.Value = hashing.MaxValue;
        anchoring.Value = anchoring.MaxValue;
    }
}

/// <summary>No progress output (for --json or when stderr is not a terminal).</summary>
internal sealed class SilentProgress : IAnchorProgress
{
    public void Hashed()
    {
    }

    public void Anchored(int documents)
    {
    }
}
