using System.Text.Json;

namespace Platform.Definitions.Loading;

/// <summary>
/// Reads one JSON object of a definition file, reporting as it goes what a schema would: a wrong type, an
/// unknown property (a typo must not be silently ignored), a property declared twice. Each getter returns null
/// (or an empty collection) for a property that is absent or has the wrong type; <see cref="Present"/> and
/// <see cref="Invalid"/> let the rules tell "missing" from "already reported".
/// </summary>
internal sealed class JsonObjectReader
{
    // Dictionary enumeration order is not a contract; _order keeps file order for maps and messages.
    private readonly Dictionary<string, JsonElement> _properties;
    private readonly List<string> _order;
    private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);
    private readonly ICollection<DefinitionError> _errors;

    private JsonObjectReader(
        string file, string key, Dictionary<string, JsonElement> properties, List<string> order, ICollection<DefinitionError> errors)
    {
        File = file;
        Key = key;
        _properties = properties;
        _order = order;
        _errors = errors;
        Present = properties.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public string File { get; }

    public string Key { get; }

    /// <summary>The properties the object has, whatever their type.</summary>
    public IReadOnlySet<string> Present { get; }

    /// <summary>The properties read so far whose type was wrong (and reported).</summary>
    public IReadOnlySet<string> Invalid => _invalid;

    /// <summary>
    /// Opens <paramref name="element"/> as an object whose properties must be among <paramref name="known"/>
    /// (any name when null); null, with an error, when it is not an object.
    /// </summary>
    public static JsonObjectReader? Open(
        JsonElement element, string file, string key, IReadOnlyList<string>? known, ICollection<DefinitionError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(file, key, $"must be an object, not {KindOf(element)}"));
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            var propertyKey = JsonPath.Property(key, property.Name);
            if (known is not null && !known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new DefinitionError(file, propertyKey,
                    $"unknown property '{property.Name}'; expected one of: {string.Join(", ", known)} (names are case-sensitive)"));
            }
            else if (properties.TryAdd(property.Name, property.Value))
            {
                order.Add(property.Name);
            }
            else
            {
                errors.Add(new DefinitionError(file, propertyKey, $"'{property.Name}' is declared twice in the same object"));
            }
        }

        return new JsonObjectReader(file, key, properties, order, errors);
    }

    public string KeyOf(string name) => JsonPath.Property(Key, name);

    public string? String(string name) =>
        Read(name, JsonValueKind.String, "a string") is { } value ? value.GetString() : null;

    public bool? Boolean(string name)
    {
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Fail(name, $"must be true or false, not {KindOf(value)}");
        return null;
    }

    public int? Integer(string name)
    {
        if (Read(name, JsonValueKind.Number, "an integer") is not { } value)
        {
            return null;
        }

        if (value.TryGetInt32(out var number))
        {
            return number;
        }

        Fail(name, $"must be an integer, not {value.GetRawText()}");
        return null;
    }

    /// <summary>A whole number that may exceed <see cref="int"/> (quota limits).</summary>
    public long? Long(string name)
    {
        if (Read(name, JsonValueKind.Number, "an integer") is not { } value)
        {
            return null;
        }

        if (value.TryGetInt64(out var number))
        {
            return number;
        }

        Fail(name, $"must be an integer, not {value.GetRawText()}");
        return null;
    }

    /// <summary>Any finite number (rates per second).</summary>
    public double? Number(string name) =>
        Read(name, JsonValueKind.Number, "a number") is { } value && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    /// <summary>
    /// An array of strings, or (when <paramref name="splitString"/>) one string of comma-separated values as REST's
    /// <c>identitySource</c> is written; null when absent or of the wrong type (reported).
    /// </summary>
    public IReadOnlyList<string>? StringList(string name, bool splitString = false)
    {
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && splitString)
        {
            return [.. value.GetString()!.Split(',', StringSplitOptions.TrimEntries)];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, splitString ? $"must be an array of strings or a comma-separated string, not {KindOf(value)}" : $"must be an array of strings, not {KindOf(value)}");
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                _invalid.Add(name);
                _errors.Add(new DefinitionError(File, JsonPath.Index(KeyOf(name), index), $"must be a string, not {KindOf(item)}"));
            }

            index++;
        }

        return items;
    }

    /// <summary>An array of integers; null when absent or not an array (reported); items of another kind are reported and left out.</summary>
    public IReadOnlyList<int>? IntegerList(string name)
    {
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array of integers, not {KindOf(value)}");
            return null;
        }

        var items = new List<int>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var number))
            {
                items.Add(number);
            }
            else
            {
                _invalid.Add(name);
                _errors.Add(new DefinitionError(File, JsonPath.Index(KeyOf(name), index),
                    $"must be an integer, not {(item.ValueKind == JsonValueKind.Number ? item.GetRawText() : KindOf(item))}"));
            }

            index++;
        }

        return items;
    }

    /// <summary>The raw JSON value of a property whose shape a dedicated reader checks (resource policies).</summary>
    public JsonElement? Raw(string name) => _properties.TryGetValue(name, out var value) ? value : null;

    public JsonObjectReader? Object(string name, IReadOnlyList<string>? known)
    {
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        var reader = Open(value, File, KeyOf(name), known, _errors);
        if (reader is null)
        {
            _invalid.Add(name);
        }

        return reader;
    }

    /// <summary>An object used as a map from names to objects with <paramref name="known"/> properties, in file order.</summary>
    public IReadOnlyList<(string Name, JsonObjectReader Entry)> Map(string name, IReadOnlyList<string> known)
    {
        if (Object(name, known: null) is not { } map)
        {
            return [];
        }

        var entries = new List<(string, JsonObjectReader)>();
        foreach (var entryName in map._order)
        {
            if (Open(map._properties[entryName], File, map.KeyOf(entryName), known, _errors) is { } entry)
            {
                entries.Add((entryName, entry));
            }
        }

        return entries;
    }

    /// <summary>An array of objects with <paramref name="known"/> properties.</summary>
    public IReadOnlyList<JsonObjectReader> Array(string name, IReadOnlyList<string> known)
    {
        if (Read(name, JsonValueKind.Array, "an array") is not { } array)
        {
            return [];
        }

        var items = new List<JsonObjectReader>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Open(item, File, JsonPath.Index(KeyOf(name), index++), known, _errors) is { } reader)
            {
                items.Add(reader);
            }
        }

        return items;
    }

    /// <summary>An object of string values (headers, stage variables); entries of another type are reported and left out.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string name, StringComparer comparer)
    {
        var result = new Dictionary<string, string>(comparer);
        if (Object(name, known: null) is not { } map)
        {
            return result;
        }

        foreach (var entryName in map._order)
        {
            if (map.String(entryName) is not { } text)
            {
                continue;
            }

            if (!result.TryAdd(entryName, text))
            {
                _errors.Add(new DefinitionError(File, map.KeyOf(entryName), $"'{entryName}' is declared twice (names here are case-insensitive)"));
            }
        }

        return result;
    }

    /// <summary>An object of boolean values (AWS's <c>requestParameters</c>); entries of another type are reported and left out.</summary>
    public IReadOnlyDictionary<string, bool> BooleanMap(string name)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (Object(name, known: null) is not { } map)
        {
            return result;
        }

        foreach (var entryName in map._order)
        {
            if (map.Boolean(entryName) is { } flag)
            {
                result[entryName] = flag;
            }
        }

        return result;
    }

    private JsonElement? Read(string name, JsonValueKind kind, string expected)
    {
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != kind)
        {
            Fail(name, $"must be {expected}, not {KindOf(value)}");
            return null;
        }

        return value;
    }

    private void Fail(string name, string message)
    {
        _invalid.Add(name);
        _errors.Add(new DefinitionError(File, KeyOf(name), message));
    }

    public static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
