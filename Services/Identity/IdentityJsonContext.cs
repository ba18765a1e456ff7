using System.Text.Json.Serialization;
using Platform.Identity.Discovery;
using Platform.Identity.Tokens;

namespace Platform.Identity;

/// <summary>Source-generated JSON for every document the issuer writes; member names in OAuth's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(TokenErrorResponse))]
[JsonSerializable(typeof(DiscoveryDocument))]
[JsonSerializable(typeof(JsonWebKeySet))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
