using System.Runtime.InteropServices;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>type, enum, const, the number keywords and the string keywords.</summary>
internal sealed partial class SchemaCompiler
{
    private TypeKeyword? Type(JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("type", out var value))
        {
            return null;
        }

        var at = Pointer.Child(path, "type");
        var names = new List<string>();
        var types = InstanceTypes.None;
        var valid = true;
        if (value.ValueKind == JsonValueKind.String)
        {
            valid = AddType(value, at, names, ref types);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                valid &= AddType(item, Pointer.Child(at, index++), names, ref types);
            }
        }
        else
        {
            Error(at, "must be a type name or a non-empty array of type names");
            valid = false;
        }

        return valid ? new TypeKeyword(types, names) : null;
    }

    private bool AddType(JsonElement name, string path, List<string> names, ref InstanceTypes types)
    {
        var text = name.ValueKind == JsonValueKind.String ? name.GetString()! : null;
        var type = text is null ? InstanceTypes.None : InstanceTypeNames.Parse(text);
        if (type == InstanceTypes.None)
        {
            Error(path, $"{name.GetRawText()} is not a JSON Schema type (use {string.Join(", ", InstanceTypeNames.All)})");
            return false;
        }

        if ((types & type) != 0)
        {
            Error(path, $"type \"{text}\" is listed twice");
            return false;
        }

        types |= type;
        names.Add(text!);
        return true;
    }

    /// <summary>The scalar types an <c>items</c> schema declares, for uniqueItems' ajv-compatible messages; None otherwise.</summary>
    private static InstanceTypes ScalarItemTypes(JsonElement schema)
    {
        if (!schema.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Object || !items.TryGetProperty("type", out var type))
        {
            return InstanceTypes.None;
        }

        var types = InstanceTypes.None;
        if (type.ValueKind == JsonValueKind.String)
        {
            types = InstanceTypeNames.Parse(type.GetString()!);
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in type.EnumerateArray())
            {
                types |= name.ValueKind == JsonValueKind.String ? InstanceTypeNames.Parse(name.GetString()!) : InstanceTypes.None;
            }
        }

        return (types & (InstanceTypes.Object | InstanceTypes.Array)) != 0 ? InstanceTypes.None : types;
    }

    private void Values(JsonElement schema, string path, NodeKeywords keywords)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            var at = Pointer.Child(path, "enum");
            if (values.ValueKind != JsonValueKind.Array)
            {
                Error(at, "must be an array");
            }
            else if (!Is2020 && values.GetArrayLength() == 0)
            {
                Error(at, "must not be empty (draft-04)");
            }
            else if (!Is2020 && FirstRepeat(values) is { } repeat)
            {
                Error(Pointer.Child(at, repeat), "repeats an earlier value (draft-04 requires unique enum values)");
            }
            else
            {
                keywords.Any.Add(new EnumKeyword([.. values.EnumerateArray()], isConst: false));
            }
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            keywords.Any.Add(new EnumKeyword([constant], isConst: true));
        }
    }

    private static int? FirstRepeat(JsonElement array)
    {
        var items = array.EnumerateArray().ToArray();
        for (var i = 1; i < items.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonEquality.Equal(items[i], items[j]))
                {
                    return i;
                }
            }
        }

        return null;
    }

    private void Numbers(JsonElement schema, string path, NodeKeywords keywords)
    {
        Limit(schema, path, "minimum", "exclusiveMinimum", LimitKind.Minimum, LimitKind.ExclusiveMinimum, keywords);
        Limit(schema, path, "maximum", "exclusiveMaximum", LimitKind.Maximum, LimitKind.ExclusiveMaximum, keywords);
        if (Number(schema, "multipleOf", path) is { } divisor)
        {
            var text = new JsonNumberText(JsonMarshal.GetRawUtf8Value(divisor));
            if (text.IsZero || text.Negative)
            {
                Error(Pointer.Child(path, "multipleOf"), "must be greater than 0");
            }
            else
            {
                keywords.Numbers.Add(new MultipleOfKeyword(divisor));
            }
        }
    }

    /// <summary>
    /// minimum + exclusiveMinimum (or the maximum pair). Draft-04: the exclusive keyword is a boolean that makes the
    /// limit strict and requires the limit; 2020-12: it is a limit of its own.
    /// </summary>
    private void Limit(JsonElement schema, string path, string keyword, string exclusiveKeyword, LimitKind inclusive, LimitKind exclusive, NodeKeywords keywords)
    {
        var limit = Number(schema, keyword, path);
        var hasExclusive = schema.TryGetProperty(exclusiveKeyword, out var flag);
        if (Is2020)
        {
            if (hasExclusive && Number(schema, exclusiveKeyword, path) is { } exclusiveLimit)
            {
                keywords.Numbers.Add(new NumberLimitKeyword(exclusive, exclusiveLimit));
            }
        }
        else if (hasExclusive && flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(Pointer.Child(path, exclusiveKeyword), "must be a boolean (draft-04)");
        }
        else if (hasExclusive && !schema.TryGetProperty(keyword, out _))
        {
            Error(Pointer.Child(path, exclusiveKeyword), $"can only be used with {keyword} (draft-04)");
        }

        if (limit is { } value)
        {
            var strict = !Is2020 && hasExclusive && flag.ValueKind == JsonValueKind.True;
            keywords.Numbers.Add(new NumberLimitKeyword(strict ? exclusive : inclusive, value));
        }
    }

    private void Strings(JsonElement schema, string path, NodeKeywords keywords)
    {
        if (Count(schema, "minLength", path) is { } minimum)
        {
            keywords.Strings.Add(new LengthKeyword(minimum, isMaximum: false));
        }

        if (Count(schema, "maxLength", path) is { } maximum)
        {
            keywords.Strings.Add(new LengthKeyword(maximum, isMaximum: true));
        }

        if (schema.TryGetProperty("pattern", out var pattern) && Pattern(pattern, Pointer.Child(path, "pattern")) is { } regex)
        {
            keywords.Strings.Add(new PatternKeyword(pattern.GetString()!, regex));
        }

        if (schema.TryGetProperty("format", out var format))
        {
            if (format.ValueKind != JsonValueKind.String)
            {
                Error(Pointer.Child(path, "format"), "must be a string");
            }
            else if (StringFormats.Find(format.GetString()!) is { } check)
            {
                keywords.Strings.Add(new FormatKeyword(format.GetString()!, check));
            }
        }
    }

    private System.Text.RegularExpressions.Regex? Pattern(JsonElement pattern, string path)
    {
        if (pattern.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string");
            return null;
        }

        var regex = EcmaPattern.TryCreate(pattern.GetString()!, out var problem);
        if (regex is null)
        {
            Error(path, $"is not a supported ECMAScript regular expression: {problem}");
        }

        return regex;
    }

    private JsonElement? Number(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(Pointer.Child(path, keyword), "must be a number");
            return null;
        }

        return value;
    }

    /// <summary>A non-negative integer keyword (minLength, maxItems, ...); beyond long it is as good as infinite.</summary>
    private long? Count(JsonElement schema, string keyword, string path)
    {
        if (Number(schema, keyword, path) is not { } value)
        {
            return null;
        }

        var text = new JsonNumberText(JsonMarshal.GetRawUtf8Value(value));
        if (!text.IsInteger || (text.Negative && !text.IsZero))
        {
            Error(Pointer.Child(path, keyword), "must be a non-negative integer");
            return null;
        }

        return value.TryGetInt64(out var count) ? count : value.GetDouble() < long.MaxValue ? (long)value.GetDouble() : long.MaxValue;
    }
}
