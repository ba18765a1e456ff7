namespace Platform.ConnectionHub.Tests.Registry;

/// <summary>Waits for a condition that has no event to await (a Redis key, a field written in the background).</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Re-evaluates <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        while (!await condition().WaitAsync(TestTimeouts.Default))
        {
            try
            {
                await Task.Delay(Interval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {TestTimeouts.Default.TotalSeconds:0} s waiting until {what}.");
            }
        }
    }
}
