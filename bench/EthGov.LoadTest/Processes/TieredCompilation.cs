using System.Diagnostics;

namespace EthGov.LoadTest.Processes;

/// <summary>
/// How busy the nodes' tiered-compilation threads are. A .NET process recompiles its hot methods with full optimisation
/// (and profile-guided code) in the background for a minute or more after it starts taking load; measured before that
/// ends, a run measures the compiler: in a first run after a 5 s warm-up that thread took more than half of the nodes'
/// CPU. The benchmark therefore warms up until the thread is nearly idle.
/// </summary>
internal sealed class TieredCompilation(IReadOnlyDictionary<string, int> pids)
{
    // The thread's name as Linux shows it: ".NET Tiered Compilation Worker", cut to 15 characters.
    private const string ThreadName = ".NET Tiered Com";

    private Dictionary<string, long> _ticks = pids.ToDictionary(p => p.Key, p => ProcStat.ThreadCpuTicks(p.Value, ThreadName));
    private long _since = Stopwatch.GetTimestamp();

    /// <summary>The busiest node's compilation thread since the last call, in percent of one core, and which node it is.</summary>
    public (string Process, double Percent) Busiest()
    {
        var now = pids.ToDictionary(p => p.Key, p => ProcStat.ThreadCpuTicks(p.Value, ThreadName));
        double seconds = Stopwatch.GetElapsedTime(_since).TotalSeconds;
        var busiest = now.Select(p => (Process: p.Key, Percent: Math.Round((p.Value - _ticks[p.Key]) / seconds, 1)))
            .DefaultIfEmpty((Process: "none", Percent: 0)).MaxBy(p => p.Percent);
        (_ticks, _since) = (now, Stopwatch.GetTimestamp());
        return busiest;
    }
}
