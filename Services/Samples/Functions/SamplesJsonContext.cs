using System.Text.Json.Serialization;

namespace Platform.Samples.Functions;

/// <summary>Source-generated JSON for what the sample functions write (camelCase, as the sample API's clients expect).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CatalogPage))]
[JsonSerializable(typeof(CatalogError))]
internal sealed partial class SamplesJsonContext : JsonSerializerContext;
