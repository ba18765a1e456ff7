using System.Text.Json;
using Platform.Functions;

namespace Platform.Samples.Functions;

/// <summary>
/// <c>echo</c>: answers with the event it was invoked with, as the response body, so that users see exactly what
/// their functions get. The event is taken raw (a <see cref="JsonElement"/>, not a typed payload), so every
/// payload version, and every field, comes back as it was sent.
/// </summary>
internal static class EchoFunction
{
    public const string Name = "echo";

    public static APIGatewayHttpApiV2ProxyResponse Handle(JsonElement @event, FunctionContext context) =>
        // The raw text, not a re-serialization: property order, number forms and escapes stay as the gateway wrote them.
        SampleResponses.Json(@event.GetRawText());
}
