using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>The <c>requestContext.http</c> part of a payload 2.0 event.</summary>
public sealed record APIGatewayHttpApiV2HttpDescription
{
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}
