using System.Runtime.InteropServices;

namespace Platform.AppHost.Orchestration;

/// <summary>POSIX signals to child processes: .NET's Process can only SIGKILL, and a graceful stop needs SIGTERM.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="processId"/> to stop; false when it is already gone.</summary>
    public static bool Terminate(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return Kill(processId, SigTerm) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
