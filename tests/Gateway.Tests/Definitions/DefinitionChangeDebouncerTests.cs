using Platform.Definitions.Loading;

namespace Platform.Gateway.Tests.Definitions;

public sealed class DefinitionChangeDebouncerTests
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>Each row: milliseconds to advance before each signal, then after the last; the reloads expected.</summary>
    [Theory]
    [InlineData(new int[0], 1000, 0)]
    [InlineData(new[] { 0 }, 199, 0)]
    [InlineData(new[] { 0 }, 200, 1)]
    [InlineData(new[] { 0, 50, 50, 50 }, 200, 1)]
    [InlineData(new[] { 0, 150, 150, 150 }, 199, 0)]
    [InlineData(new[] { 0, 250 }, 200, 2)]
    public void Signal_Burst_CallsBackOnceAfterTheQuietPeriod(int[] gapsBeforeSignals, int after, int expected)
    {
        var time = new ManualTimeProvider();
        var calls = 0;
        using var debouncer = new DefinitionChangeDebouncer(time, QuietPeriod, () => calls++);

        foreach (var gap in gapsBeforeSignals)
        {
            time.Advance(TimeSpan.FromMilliseconds(gap));
            debouncer.Signal();
        }

        time.Advance(TimeSpan.FromMilliseconds(after));

        Assert.Equal(expected, calls);
    }

    [Fact]
    public void Signal_AfterDispose_DoesNothing()
    {
        var time = new ManualTimeProvider();
        var calls = 0;
        var debouncer = new DefinitionChangeDebouncer(time, QuietPeriod, () => calls++);
        debouncer.Dispose();

        debouncer.Signal();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, calls);
    }
}
