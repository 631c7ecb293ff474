using System.Globalization;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>
/// A process's resident memory as Linux reports it in /proc/&lt;pid&gt;/status: now (VmRSS) and at its peak (VmHWM).
/// The peak can be reset (writing 5 to /proc/&lt;pid&gt;/clear_refs), so it measures one request rather than start-up.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Resident bytes now.</summary>
    public static long Resident(int pid) => Read(pid, "VmRSS:");

    /// <summary>The most resident bytes since start or since the last <see cref="ResetPeak"/>.</summary>
    public static long Peak(int pid) => Read(pid, "VmHWM:");

    /// <summary>Makes the peak start again from the current resident size; false when the kernel does not allow it.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        // "VmRSS:	  123456 kB"
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
