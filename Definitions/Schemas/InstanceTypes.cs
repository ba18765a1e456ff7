using System.Runtime.InteropServices;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>The JSON Schema instance types as flags, so a <c>type</c> array is one mask test.</summary>
[Flags]
internal enum InstanceTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,

    /// <summary>A number with no fractional part: 1 and 1.0 both (as ajv: JSON does not tell them apart).</summary>
    Integer = 32,
    String = 64,
}

internal static class InstanceTypeNames
{
    /// <summary>The type names JSON Schema defines, in the order compile errors list them.</summary>
    public static readonly string[] All = ["array", "boolean", "integer", "null", "number", "object", "string"];

    public static InstanceTypes Parse(string name) => name switch
    {
        "array" => InstanceTypes.Array,
        "boolean" => InstanceTypes.Boolean,
        "integer" => InstanceTypes.Integer,
        "null" => InstanceTypes.Null,
        "number" => InstanceTypes.Number,
        "object" => InstanceTypes.Object,
        "string" => InstanceTypes.String,
        _ => InstanceTypes.None,
    };

    /// <summary>True when the instance is of one of <paramref name="types"/>.</summary>
    public static bool Matches(InstanceTypes types, JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => (types & InstanceTypes.Object) != 0,
        JsonValueKind.Array => (types & InstanceTypes.Array) != 0,
        JsonValueKind.String => (types & InstanceTypes.String) != 0,
        JsonValueKind.Number => (types & InstanceTypes.Number) != 0 || ((types & InstanceTypes.Integer) != 0 && IsInteger(instance)),
        JsonValueKind.True or JsonValueKind.False => (types & InstanceTypes.Boolean) != 0,
        JsonValueKind.Null => (types & InstanceTypes.Null) != 0,
        _ => false,
    };

    public static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || new JsonNumberText(JsonMarshal.GetRawUtf8Value(number)).IsInteger;
}
