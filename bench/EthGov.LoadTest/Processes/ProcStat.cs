using System.Globalization;

namespace EthGov.LoadTest.Processes;

/// <summary>CPU time from Linux's /proc: of a process, and of the threads of a process that have a given name.</summary>
internal static class ProcStat
{
    /// <summary>Clock ticks (<see cref="CpuTicks"/> and the others here) as seconds, to the hundredth.</summary>
    public static double Seconds(long ticks) => Math.Round(ticks / 100.0, 2);

    /// <summary>utime + stime of process <paramref name="pid"/>, in clock ticks (100 a second on Linux); 0 when it is gone.</summary>
    public static long CpuTicks(int pid) => TicksOf($"/proc/{pid}/stat");

    /// <summary>
    /// CPU of a process and its children (a PostgreSQL server and its backends): utime + stime of <paramref name="pid"/>, of
    /// each running child, and cutime + cstime (the children that ended and were waited for), in clock ticks.
    /// </summary>
    public static long TreeCpuTicks(int pid)
    {
        var fields = FieldsOf($"/proc/{pid}/stat");
        if (fields.Length == 0)
        {
            return 0;
        }

        long ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        foreach (var child in ReadOrEmpty($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            ticks += CpuTicks(int.Parse(child, CultureInfo.InvariantCulture));
        }

        return ticks;
    }

    /// <summary>utime + stime summed over the threads of <paramref name="pid"/> whose name starts with <paramref name="prefix"/>.</summary>
    public static long ThreadCpuTicks(int pid, string prefix)
    {
        long ticks = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (ReadOrEmpty(Path.Combine(task, "comm")).StartsWith(prefix, StringComparison.Ordinal))
                {
                    ticks += TicksOf(Path.Combine(task, "stat"));
                }
            }
        }
        catch (IOException)
        {
            return ticks;
        }

        return ticks;
    }

    private static long TicksOf(string statPath)
    {
        var fields = FieldsOf(statPath);
        return fields.Length == 0 ? 0 : long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    // The fields after the name; the name in parentheses may hold spaces, so they are counted from its closing one.
    private static string[] FieldsOf(string statPath)
    {
        var stat = ReadOrEmpty(statPath);
        return stat.Length == 0 ? [] : stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
