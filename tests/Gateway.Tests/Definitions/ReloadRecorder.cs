using Platform.Definitions;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>
/// Turns <see cref="DefinitionMonitor.Reloaded"/> into awaitable tasks. A waiter registered with
/// <see cref="Next"/> completes on the first later reload that matches, so a stray extra reload (an editor's
/// save can be two bursts of events) does not break a test.
/// </summary>
internal sealed class ReloadRecorder
{
    private readonly Lock _lock = new();
    private readonly List<(Func<DefinitionReloadResult, bool> Match, TaskCompletionSource<DefinitionReloadResult> Completion)> _waiters = [];

    public ReloadRecorder(DefinitionMonitor monitor) => monitor.Reloaded += OnReloaded;

    /// <summary>Completes with the first reload after this call that satisfies <paramref name="match"/>.</summary>
    public Task<DefinitionReloadResult> Next(Func<DefinitionReloadResult, bool> match)
    {
        var completion = new TaskCompletionSource<DefinitionReloadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((match, completion));
        }

        return completion.Task;
    }

    private void OnReloaded(DefinitionReloadResult result)
    {
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(result)).ToList())
            {
                waiter.Completion.TrySetResult(result);
                _waiters.Remove(waiter);
            }
        }
    }
}
