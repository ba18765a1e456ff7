using System.Text.Json.Serialization;

namespace Platform.Chat.Functions;

/// <summary>The body of a refused call: <c>{"message":"..."}</c>, as API Gateway's own errors.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("message")] string Message);
