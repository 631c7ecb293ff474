using System.Globalization;

namespace EthGov.LoadTest.Exchange;

/// <summary>CPU time from Linux's /proc: of a process, and of the threads of a process that have a given name.</summary>
internal static class ProcStat
{
    /// <summary>utime + stime of process <paramref name="pid"/>, in clock ticks (100 a second on Linux); 0 when it is gone.</summary>
    public static long CpuTicks(int pid) => TicksOf($"/proc/{pid}/stat");

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
        var stat = ReadOrEmpty(statPath);
        if (stat.Length == 0)
        {
            return 0;
        }

        // The name in parentheses may hold spaces: the fields are counted from its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
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
