using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Functions;

/// <summary>What a JWT authorizer established: the token's claims and scopes.</summary>
public sealed record APIGatewayHttpApiV2JwtDescription
{
    /// <summary>The token's claims; values may be strings, numbers or arrays, so they stay JSON.</summary>
    [JsonPropertyName("claims")]
    public Dictionary<string, JsonElement>? Claims { get; init; }

    /// <summary>The token's scopes; null when it has none.</summary>
    [JsonPropertyName("scopes")]
    public IList<string>? Scopes { get; init; }
}
