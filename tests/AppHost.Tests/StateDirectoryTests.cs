using System.Diagnostics;
using System.Text.Json;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Tests;

public sealed class StateDirectoryTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "platform-state-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    private Process StartSleeper()
    {
        var process = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        _started.Add(process);
        return process;
    }

    private void WriteRecord(int ownerPid, long ownerStart, params (int Pid, long Start)[] children)
    {
        Directory.CreateDirectory(_path);
        var record = new { pid = ownerPid, startTime = ownerStart, children = children.Select(c => new { pid = c.Pid, startTime = c.Start }) };
        File.WriteAllText(Path.Combine(_path, "apphost.json"), JsonSerializer.Serialize(record));
    }

    [Fact]
    public void Claim_EmptyDirectory_RecordsThisProcess()
    {
        var state = new StateDirectory(_path);

        var notes = state.Claim();

        Assert.Empty(notes);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_path, "apphost.json")));
        Assert.Equal(Environment.ProcessId, record.RootElement.GetProperty("pid").GetInt32());
    }

    [Fact]
    public void Claim_AnotherLiveAppHost_ThrowsNamingIt()
    {
        var other = StartSleeper();
        var identity = ProcessIdentity.Of(other.Id)!.Value;
        WriteRecord(identity.Pid, identity.StartTime);

        var error = Assert.Throws<InvalidOperationException>(() => new StateDirectory(_path).Claim());

        Assert.Contains($"pid {other.Id}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--state-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_DeadAppHostLeftAChild_KillsTheOrphan()
    {
        var orphan = StartSleeper();
        var identity = ProcessIdentity.Of(orphan.Id)!.Value;
        WriteRecord(ownerPid: int.MaxValue - 1, ownerStart: 1, (identity.Pid, identity.StartTime));

        var notes = new StateDirectory(_path).Claim();

        await orphan.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Contains(notes, n => n.Contains(orphan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public void Claim_RecordedPidReusedByAnotherProcess_LeavesItAlone()
    {
        var unrelated = StartSleeper();
        var identity = ProcessIdentity.Of(unrelated.Id)!.Value;
        WriteRecord(ownerPid: int.MaxValue - 1, ownerStart: 1, (identity.Pid, identity.StartTime + 1));

        var notes = new StateDirectory(_path).Claim();

        Assert.Empty(notes);
        Assert.False(unrelated.HasExited);
    }

    [Fact]
    public void Claim_CorruptRecord_Ignored()
    {
        Directory.CreateDirectory(_path);
        File.WriteAllText(Path.Combine(_path, "apphost.json"), "{ torn");

        var notes = new StateDirectory(_path).Claim();

        Assert.Empty(notes);
    }

    [Fact]
    public void AddRemoveRelease_TrackChildrenAndDeleteRecord()
    {
        var child = StartSleeper();
        var state = new StateDirectory(_path);
        state.Claim();

        state.Add(child.Id);
        var withChild = File.ReadAllText(Path.Combine(_path, "apphost.json"));
        state.Remove(child.Id);
        var withoutChild = File.ReadAllText(Path.Combine(_path, "apphost.json"));
        state.Release();

        Assert.Contains($"\"pid\":{child.Id}", withChild, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"pid\":{child.Id}", withoutChild, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_path, "apphost.json")));
    }
}
