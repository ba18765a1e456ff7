using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Platform.Functions;

internal sealed class TypedFunction<TEvent, TResult>(
    string name,
    ILogger logger,
    JsonTypeInfo<TEvent> eventTypeInfo,
    JsonTypeInfo<TResult> resultTypeInfo,
    Func<TEvent, FunctionContext, Task<TResult>> handler) : RegisteredFunction(name, logger)
{
    public override string EventTypeName => typeof(TEvent).Name;

    public override object? ReadEvent(ReadOnlySpan<byte> payload) => JsonSerializer.Deserialize(payload, eventTypeInfo);

    public override async Task<byte[]> InvokeAsync(object @event, FunctionContext context)
    {
        var result = await handler((TEvent)@event, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, resultTypeInfo);
    }
}
