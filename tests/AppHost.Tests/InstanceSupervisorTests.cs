using Platform.AppHost.Model;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Tests;

public sealed class InstanceSupervisorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "platform-supervisor-" + Guid.NewGuid().ToString("N"));

    public InstanceSupervisorTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A shell that ignores SIGTERM and has a child of its own; ready once the child's pid is written.</summary>
    private sealed class StubbornShell(string directory) : Resource("stubborn", "executable")
    {
        public string ChildPidFile => Path.Combine(directory, "child.pid");

        public override string Scheme => "tcp";

        public override ProcessLaunch CreateLaunch(int port) => new(
            "sh",
            ["-c", $"trap '' TERM; sleep 300 & echo $! > '{ChildPidFile}.tmp' && mv '{ChildPidFile}.tmp' '{ChildPidFile}'; wait; wait"],
            directory,
            new Dictionary<string, string>(),
            LinkLifetimeThroughStdin: false);

        public override HealthProbe CreateProbe(int port) => new FileProbe(ChildPidFile);
    }

    private sealed class FileProbe(string path) : HealthProbe
    {
        public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(File.Exists(path));
    }

    [Fact]
    public async Task StopAsync_ChildIgnoresSigterm_WholeTreeKilledAfterGrace()
    {
        var resource = new StubbornShell(_directory);
        var instance = new ResourceInstance(resource, 0, port: 1, new ChangeSignal());
        var state = new StateDirectory(Path.Combine(_directory, "state"));
        state.Claim();
        var supervisor = new InstanceSupervisor(instance, new Dictionary<string, string>(), [], new ConsoleOutput(10), state, TimeProvider.System);
        using var stopping = new CancellationTokenSource();

        var running = supervisor.RunAsync(stopping.Token);
        await instance.FirstHealthy.WaitAsync(Timeout);
        var shell = instance.Snapshot().Pid!.Value;
        var grandchild = int.Parse(File.ReadAllText(resource.ChildPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await stopping.CancelAsync();
        await supervisor.StopAsync(TimeSpan.FromMilliseconds(300)).WaitAsync(Timeout);
        await running.WaitAsync(Timeout);

        Assert.Null(ProcessIdentity.Of(shell));
        Assert.Null(ProcessIdentity.Of(grandchild));
        Assert.Equal("Stopped", instance.Snapshot().State);
    }
}
