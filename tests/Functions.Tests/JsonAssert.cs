using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Functions.Tests;

internal static class JsonAssert
{
    /// <summary>Deserializes <paramref name="json"/>, serializes it back and asserts the two are the same JSON (member order aside).</summary>
    public static T RoundTrips<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        var value = JsonSerializer.Deserialize(json, typeInfo);
        Assert.NotNull(value);

        var written = JsonSerializer.Serialize(value, typeInfo);

        Equivalent(json, written);
        return value;
    }

    public static void Equivalent(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actualNode),
            $"JSON differs.\nExpected: {expectedNode?.ToJsonString()}\nActual:   {actualNode?.ToJsonString()}");
    }

    /// <summary>The payload constant of <see cref="Platform.Testing.ReferencePayloads"/> named <paramref name="name"/>.</summary>
    public static string Payload(string name) =>
        (string)typeof(Platform.Testing.ReferencePayloads).GetField(name)!.GetRawConstantValue()!;
}
