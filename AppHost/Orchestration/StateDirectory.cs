using System.Diagnostics;
using System.Text.Json;
using Platform.AppHost.Dashboard;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// The AppHost's working state (<c>.platform/</c> by default): Redis data and a record of the AppHost and its
/// children. The record makes two promises hold: one AppHost per directory, and no orphans even when an
/// AppHost was killed too hard to clean up (its children are reaped by the next start).
/// </summary>
internal sealed class StateDirectory(string path)
{
    private readonly Lock _gate = new();
    private readonly HashSet<ProcessIdentity> _children = [];
    private ProcessIdentity _self;

    public string Path { get; } = path;

    public string RedisDataPath => System.IO.Path.Combine(Path, "redis");

    private string RecordPath => System.IO.Path.Combine(Path, "apphost.json");

    /// <summary>
    /// Takes the directory. Throws when another live AppHost holds it; kills what a dead one left behind and
    /// returns a line per reaped process.
    /// </summary>
    public IReadOnlyList<string> Claim()
    {
        Directory.CreateDirectory(Path);
        var notes = new List<string>();
        if (File.Exists(RecordPath))
        {
            var previous = Read();
            if (previous is not null)
            {
                var owner = new ProcessIdentity(previous.Pid, previous.StartTime);
                if (owner.Pid != Environment.ProcessId && owner.IsAlive)
                {
                    throw new InvalidOperationException(
                        $"Another AppHost (pid {owner.Pid}) is running with state directory {Path}. Stop it, or pass --state-dir to run a second platform side by side.");
                }

                foreach (var child in previous.Children)
                {
                    var identity = new ProcessIdentity(child.Pid, child.StartTime);
                    if (identity.IsAlive && TryKill(identity.Pid))
                    {
                        notes.Add($"Stopped process {identity.Pid} left running by an AppHost that did not shut down cleanly.");
                    }
                }
            }
        }

        _self = ProcessIdentity.Of(Environment.ProcessId) ?? new ProcessIdentity(Environment.ProcessId, 0);
        Write();
        return notes;
    }

    public void Add(int pid)
    {
        if (ProcessIdentity.Of(pid) is not { } identity)
        {
            return;
        }

        lock (_gate)
        {
            _children.Add(identity);
            Write();
        }
    }

    public void Remove(int pid)
    {
        lock (_gate)
        {
            _children.RemoveWhere(c => c.Pid == pid);
            Write();
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _children.Clear();
            File.Delete(RecordPath);
        }
    }

    private ProcessRecord? Read()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(RecordPath), AppHostJsonContext.Default.ProcessRecord);
        }
        catch (JsonException)
        {
            // A record torn by a crash mid-write names nothing trustworthy.
            return null;
        }
    }

    private void Write()
    {
        var record = new ProcessRecord(_self.Pid, _self.StartTime, [.. _children.Select(c => new ChildRecord(c.Pid, c.StartTime))]);
        var temporary = RecordPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, AppHostJsonContext.Default.ProcessRecord));
        File.Move(temporary, RecordPath, overwrite: true);
    }

    private static bool TryKill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

internal sealed record ProcessRecord(int Pid, long StartTime, IReadOnlyList<ChildRecord> Children);

internal sealed record ChildRecord(int Pid, long StartTime);
