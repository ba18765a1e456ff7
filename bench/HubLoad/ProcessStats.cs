using System.Globalization;

namespace Platform.HubLoad;

/// <summary>What /proc says about a process: resident memory and CPU time.</summary>
internal static class ProcessStats
{
    // USER_HZ: /proc/{pid}/stat counts CPU time in 1/100 s on every Linux the bench runs on.
    private const double TicksPerSecond = 100;

    /// <summary>VmRSS of <paramref name="pid"/> in KiB.</summary>
    public static long RssKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }

    /// <summary>User + system CPU seconds <paramref name="pid"/> has used so far (0 = this process).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText(pid == 0 ? "/proc/self/stat" : $"/proc/{pid}/stat");
        // Fields after the command name, which is parenthesised and may contain spaces: utime and stime are 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
