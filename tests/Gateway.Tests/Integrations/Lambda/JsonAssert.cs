using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>Compares JSON by value: property order ignored, both sides printed with sorted keys on failure.</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.Equal(Normalize(expected), Normalize(actual));

    public static void Equal(string expected, string actual) => Equal(JsonNode.Parse(expected), JsonNode.Parse(actual));

    private static string Normalize(JsonNode? node) => Sorted(node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(static p => p.Key, StringComparer.Ordinal)
            .Select(static p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
