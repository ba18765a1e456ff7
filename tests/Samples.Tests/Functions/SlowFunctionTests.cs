using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Samples.Tests.Functions;

/// <summary>
/// slow: answers after Samples:SlowDelay on the injected clock, and stops waiting when the invocation is
/// cancelled. Each test has its own app and a manual clock, so nothing here waits in real time.
/// </summary>
public sealed class SlowFunctionTests
{
    private const string Event = """{"version":"2.0","rawPath":"/slow","requestContext":{"http":{"method":"GET","path":"/slow"}}}""";

    [Theory]
    [InlineData(null, 3_000)]
    [InlineData("00:00:05", 5_000)]
    [InlineData("00:00:00.250", 250)]
    [InlineData("00:15:00", 900_000)]
    public async Task Slow_ConfiguredDelay_AnswersWhenTheClockReachesIt(string? configured, int delayMilliseconds)
    {
        // Arrange
        var delay = TimeSpan.FromMilliseconds(delayMilliseconds);
        var clock = new ManualTimeProvider();
        var settings = configured is null ? null : new Dictionary<string, string?> { ["Samples:SlowDelay"] = configured };
        await using var app = SamplesApp.Start(settings, clock);

        // Act
        var invocation = app.Client.InvokeAsync("slow", Event);
        var timer = await clock.NextTimerAsync().WaitAsync(TestTimeouts.Default);
        clock.Advance(delay - TimeSpan.FromTicks(1));
        var answeredEarly = invocation.IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));
        var response = await invocation.WaitAsync(TestTimeouts.Default);

        // Assert
        Assert.Equal(delay, timer.DueTime);
        Assert.False(answeredEarly);
        SamplesInvoker.AssertJson(SamplesInvoker.ExpectedResponse("""{"message":"slow response"}"""), response);
    }

    [Fact]
    public async Task Slow_ZeroDelay_AnswersWithoutWaiting()
    {
        // Arrange: the clock never moves, so only a delay of zero can answer.
        await using var app = SamplesApp.Start(new Dictionary<string, string?> { ["Samples:SlowDelay"] = "00:00:00" }, new ManualTimeProvider());

        // Act
        var response = await app.Client.InvokeAsync("slow", Event);

        // Assert
        Assert.Equal("""{"message":"slow response"}""", (string?)response["body"]);
    }

    [Fact]
    public async Task Slow_InvocationCancelled_StopsWaitingAndCountsAFailedInvocation()
    {
        // Arrange
        var clock = new ManualTimeProvider();
        await using var app = SamplesApp.Start(clock: clock);
        var outcome = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = ListenToInvocations(app.Services.GetRequiredService<IMeterFactory>(), outcome);
        using var caller = new CancellationTokenSource();
        var invocation = app.Client.InvokeAsync("slow", Event, caller.Token);
        var timer = await clock.NextTimerAsync().WaitAsync(TestTimeouts.Default);

        // Act: the caller gives up, as a gateway does when its integration times out.
        await caller.CancelAsync().WaitAsync(TestTimeouts.Default);

        // Assert: the wait is over without the clock moving, and the invocation ended as failed.
        await timer.Disposed.WaitAsync(TestTimeouts.Default);
        Assert.Equal("error", await outcome.Task.WaitAsync(TestTimeouts.Default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invocation).WaitAsync(TestTimeouts.Default);
    }

    /// <summary>The outcome of the first <c>slow</c> invocation counted by this app's function meter.</summary>
    private static MeterListener ListenToInvocations(IMeterFactory factory, TaskCompletionSource<string> outcome)
    {
        var listener = new MeterListener
        {
            // Only this app's meters: other tests' apps run in parallel with their own factories.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument is { Name: "platform.functions.invocations", Meter.Name: "Platform.Functions" }
                    && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? function = null, result = null;
            foreach (var tag in tags)
            {
                function = tag.Key == "function" ? tag.Value as string : function;
                result = tag.Key == "outcome" ? tag.Value as string : result;
            }

            if (function == "slow" && result is not null)
            {
                outcome.TrySetResult(result);
            }
        });
        listener.Start();
        return listener;
    }
}
