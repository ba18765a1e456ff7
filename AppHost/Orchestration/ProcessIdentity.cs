using System.Globalization;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// A process id plus the kernel's start time of that process (<c>/proc/{pid}/stat</c> field 22), so that a
/// recorded pid is never confused with an unrelated process that reused the number.
/// </summary>
internal readonly record struct ProcessIdentity(int Pid, long StartTime)
{
    public static ProcessIdentity? Of(int pid)
    {
        var start = ReadStartTime(pid);
        return start is null ? null : new ProcessIdentity(pid, start.Value);
    }

    /// <summary>True while the very process that was recorded still runs.</summary>
    public bool IsAlive => ReadStartTime(Pid) == StartTime;

    private static long? ReadStartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Field 2 (comm) may contain spaces and parentheses: fields after it start behind the last ')'.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state); field 22 (starttime) is rest[19]. A zombie has exited already.
            if (rest[0] == "Z")
            {
                return null;
            }

            return long.Parse(rest[19], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
