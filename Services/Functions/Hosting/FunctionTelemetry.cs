using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Functions;

/// <summary>
/// Traces and metrics of invocations: one <c>invoke {function}</c> activity each, and the
/// <c>platform.functions.invocations</c> counter and <c>platform.functions.duration</c> histogram, both tagged
/// with the function and the outcome.
/// </summary>
internal sealed class FunctionTelemetry
{
    public const string SourceName = "Platform.Functions";
    public const string SuccessOutcome = "success";
    public const string ErrorOutcome = "error";

    // ActivitySource has no factory in DI; a static source is the framework's own pattern.
    private static readonly ActivitySource Source = new(SourceName);

    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _duration;

    public FunctionTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(SourceName);
        _invocations = meter.CreateCounter<long>(
            "platform.functions.invocations", unit: "{invocation}", description: "Function invocations, by function and outcome.");
        _duration = meter.CreateHistogram<double>(
            "platform.functions.duration", unit: "ms", description: "Time a function took to run, by function and outcome.");
    }

    public static Activity? StartInvocation(RegisteredFunction function, string invocationId)
    {
        var activity = Source.StartActivity(function.ActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("faas.name", function.Name);
            activity.SetTag("faas.invocation_id", invocationId);
        }

        return activity;
    }

    /// <summary>Marks the invocation failed; <paramref name="exception"/> is null when the failure is not one (an oversize result).</summary>
    public static void Fail(Activity? activity, string errorType, string message, Exception? exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, message);
        activity.SetTag("error.type", errorType);
        if (exception is not null)
        {
            activity.AddException(exception);
        }
    }

    public void RecordInvocation(string function, bool succeeded, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "function", function },
            { "outcome", succeeded ? SuccessOutcome : ErrorOutcome },
        };
        _invocations.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }
}
