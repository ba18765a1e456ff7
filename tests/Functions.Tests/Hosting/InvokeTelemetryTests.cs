using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Functions.Tests.Hosting;

public sealed class InvokeTelemetryTests
{
    [Theory]
    [InlineData(false, "success")]
    [InlineData(true, "error")]
    public async Task Invoke_Function_RecordsActivityAndMetricsWithOutcome(bool fails, string outcome)
    {
        // Arrange
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Platform.Functions",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        await using var host = await FunctionHost.StartAsync(app => app.MapFunction<JsonElement, JsonElement>(
            "measured", (e, _) => fails ? throw new InvalidOperationException("boom") : e));
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meterListener = ListenToFunctionMeters(host.Services.GetRequiredService<IMeterFactory>(), measurements);

        // Act
        using var response = await host.InvokeAsync("measured", "{}");

        // Assert
        var invocationId = response.Header(FunctionInvokeProtocol.RequestIdHeader);
        var activity = Assert.Single(activities, a => Equals(a.GetTagItem("faas.invocation_id"), invocationId));
        Assert.Equal("invoke measured", activity.DisplayName);
        Assert.Equal("measured", activity.GetTagItem("faas.name"));
        Assert.Equal(fails ? ActivityStatusCode.Error : ActivityStatusCode.Unset, activity.Status);

        var counted = Assert.Single(measurements, m => m.Instrument == "platform.functions.invocations");
        Assert.Equal(1, counted.Value);
        Assert.Equal("measured", counted.Tags["function"]);
        Assert.Equal(outcome, counted.Tags["outcome"]);
        var timed = Assert.Single(measurements, m => m.Instrument == "platform.functions.duration");
        Assert.True(timed.Value >= 0);
        Assert.Equal(outcome, timed.Tags["outcome"]);
    }

    private static MeterListener ListenToFunctionMeters(
        IMeterFactory factory, ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements)
    {
        var listener = new MeterListener
        {
            // Only this host's meters: other tests' hosts run in parallel with their own factories.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Platform.Functions" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, ToDictionary(tags))));
        listener.Start();
        return listener;
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
