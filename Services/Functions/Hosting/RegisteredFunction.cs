using Microsoft.Extensions.Logging;

namespace Platform.Functions;

/// <summary>A mapped function, with its event and result types erased so that one endpoint can serve them all.</summary>
internal abstract class RegisteredFunction(string name, ILogger logger)
{
    public string Name { get; } = name;

    public string Arn { get; } = FunctionInvokeProtocol.FunctionArn(name);

    /// <summary>Computed once: the span name of every invocation.</summary>
    public string ActivityName { get; } = "invoke " + name;

    public ILogger Logger { get; } = logger;

    /// <summary>The event type's name, for the messages of payloads that do not fit it.</summary>
    public abstract string EventTypeName { get; }

    /// <summary>Reads the payload as the function's event; throws <see cref="System.Text.Json.JsonException"/> when it does not fit.</summary>
    public abstract object? ReadEvent(ReadOnlySpan<byte> payload);

    /// <summary>Runs the handler on an event from <see cref="ReadEvent"/> and returns the result as JSON.</summary>
    public abstract Task<byte[]> InvokeAsync(object @event, FunctionContext context);
}
