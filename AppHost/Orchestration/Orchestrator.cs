namespace Platform.AppHost.Orchestration;

/// <summary>
/// Runs every instance's supervisor, tells when all are healthy, and stops them in reverse dependency order:
/// the edge first, infrastructure last, so nothing loses a dependency while it still serves.
/// </summary>
internal sealed class Orchestrator(IReadOnlyList<IReadOnlyList<InstanceSupervisor>> supervisorsInStartOrder, TimeSpan stopTimeout)
    : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public IEnumerable<ResourceInstance> Instances =>
        supervisorsInStartOrder.SelectMany(level => level).Select(s => s.Instance);

    public Task AllHealthy => Task.WhenAll(Instances.Select(i => i.FirstHealthy));

    public IReadOnlyList<ResourceSnapshot> Snapshot() => [.. Instances.Select(i => i.Snapshot())];

    public void Start() =>
        _running = Task.WhenAll(supervisorsInStartOrder.SelectMany(level => level).Select(s => s.RunAsync(_stopping.Token)));

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var level in supervisorsInStartOrder.Reverse())
        {
            await Task.WhenAll(level.Select(s => s.StopAsync(stopTimeout))).ConfigureAwait(false);
        }

        await _running.ConfigureAwait(false);
    }

    /// <summary>Kills everything at once: the answer to a second Ctrl+C.</summary>
    public void KillAll()
    {
        foreach (var supervisor in supervisorsInStartOrder.SelectMany(level => level))
        {
            supervisor.Kill();
        }
    }

    public void Dispose() => _stopping.Dispose();
}
