using System.Text.Json.Serialization;

namespace Platform.Users.Handlers;

/// <summary><c>{"error": "...", "field": "..."}</c>; <see cref="Field"/> names the input at fault, when one is.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("field")] string? Field = null);
