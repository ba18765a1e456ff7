using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>Readers for keyword values shared by the keyword families: schema arrays, name lists, object members, booleans.</summary>
internal sealed partial class SchemaCompiler
{
    /// <summary>additionalProperties / additionalItems: a schema, or a boolean (false forbids, true allows).</summary>
    private (SchemaNode? Schema, bool Forbidden) AdditionalSchema(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value) || value.ValueKind == JsonValueKind.True)
        {
            return (null, false);
        }

        return value.ValueKind == JsonValueKind.False ? (null, true) : (Subschema(value, Pointer.Child(path, keyword)), false);
    }

    private SchemaNode[]? SchemaArray(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Error(path, "must be a non-empty array of schemas");
            return null;
        }

        var nodes = new List<SchemaNode>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (Subschema(item, Pointer.Child(path, index++)) is { } node)
            {
                nodes.Add(node);
            }
        }

        return nodes.Count == index ? [.. nodes] : null;
    }

    /// <summary>The members of an object-valued keyword (properties, patternProperties, dependencies, ...).</summary>
    private List<(string Name, JsonElement Value)> Members(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(Pointer.Child(path, keyword), "must be an object");
            return [];
        }

        return [.. value.EnumerateObject().Select(member => (member.Name, member.Value))];
    }

    /// <summary>required and property dependencies: unique strings, at least one in draft-04.</summary>
    private List<string> NameList(JsonElement value, string path)
    {
        var names = new List<string>();
        if (value.ValueKind != JsonValueKind.Array || (!Is2020 && value.GetArrayLength() == 0))
        {
            Error(path, Is2020 ? "must be an array of property names" : "must be a non-empty array of property names (draft-04)");
            return names;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = Pointer.Child(path, index++);
            if (item.ValueKind != JsonValueKind.String)
            {
                Error(at, "must be a string");
            }
            else if (names.Contains(item.GetString()!))
            {
                Error(at, $"repeats \"{item.GetString()}\"");
            }
            else
            {
                names.Add(item.GetString()!);
            }
        }

        return names;
    }

    private bool? Boolean(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(Pointer.Child(path, keyword), "must be a boolean");
            return null;
        }

        return value.ValueKind == JsonValueKind.True;
    }

    /// <summary>The property names one object schema mentions, numbered for the presence bitmap.</summary>
    private sealed class ObjectNames
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

        public List<string> All { get; } = [];

        public int Index(string name)
        {
            if (!_indexes.TryGetValue(name, out var index))
            {
                index = All.Count;
                _indexes[name] = index;
                All.Add(name);
            }

            return index;
        }
    }
}
