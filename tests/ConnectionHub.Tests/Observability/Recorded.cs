using Platform.ConnectionHub.Tests.Registry;

namespace Platform.ConnectionHub.Tests.Observability;

/// <summary>
/// What a listener recorded, in arrival order; a test waits on it for the item or state it expects (woken by each
/// new item, bounded by <see cref="TestTimeouts.Default"/>) instead of sleeping.
/// </summary>
internal sealed class Recorded<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(T item)
    {
        TaskCompletionSource woken;
        lock (_lock)
        {
            _items.Add(item);
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }

    /// <summary>The first item matching <paramref name="predicate"/>, recorded already or arriving later.</summary>
    public async Task<T> FirstAsync(Func<T, bool> predicate, string what)
    {
        var items = await UntilAsync(all => all.Any(predicate), what);
        return items.First(predicate);
    }

    /// <summary>Waits until <paramref name="condition"/> holds over everything recorded; returns that snapshot.</summary>
    public async Task<IReadOnlyList<T>> UntilAsync(Func<IReadOnlyList<T>, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        while (true)
        {
            IReadOnlyList<T> items;
            Task next;
            lock (_lock)
            {
                items = [.. _items];
                next = _next.Task;
            }

            if (condition(items))
            {
                return items;
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {TestTimeouts.Default.TotalSeconds:0} s waiting for {what}.");
            }
        }
    }
}
