using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>What one object schema says about property names, gathered at compile time into one table.</summary>
internal sealed record ObjectRules
{
    /// <summary>Every name the schema mentions (properties, required, dependencies), each with its index.</summary>
    public required string[] Names { get; init; }

    /// <summary>The <c>properties</c> schema per name index; null for names only required or depended on.</summary>
    public required SchemaNode?[] Schemas { get; init; }

    public required (System.Text.RegularExpressions.Regex Regex, SchemaNode Schema)[] Patterns { get; init; }

    /// <summary>The schema for other properties; <see cref="AdditionalForbidden"/> when it is <c>false</c>.</summary>
    public SchemaNode? Additional { get; init; }

    public bool AdditionalForbidden { get; init; }

    public required int[] Required { get; init; }

    /// <summary>When the property at <c>Trigger</c> is present: names that must be too, and/or a schema the object must pass.</summary>
    public required (int Trigger, int[] Names, string Message, SchemaNode? Schema)[] Dependencies { get; init; }

    public SchemaNode? PropertyNames { get; init; }
}

/// <summary>
/// properties, patternProperties, additionalProperties, required, dependencies / dependentRequired /
/// dependentSchemas and propertyNames in one pass over the instance's properties: each name is decoded once (on the
/// stack) and looked up by ordinal comparison in a frozen table; presence is tracked in a stack bitmap.
/// </summary>
internal sealed class PropertiesKeyword : Keyword
{
    private const int StackNames = 128;

    private readonly ObjectRules _rules;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _missing;

    public PropertiesKeyword(ObjectRules rules)
    {
        _rules = rules;
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Names.Length; i++)
        {
            table[rules.Names[i]] = i;
        }

        _lookup = table.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _missing = [.. rules.Names.Select(name => $"must have required property '{name}'")];
    }

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var seen = _rules.Names.Length <= StackNames ? stackalloc bool[_rules.Names.Length] : new bool[_rules.Names.Length];
        Span<char> buffer = stackalloc char[JsonText.StackLength];
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            using var name = JsonText.Of(property, buffer);
            if (!Property(property, name.Chars, seen, ref context))
            {
                valid = false;
                if (context.Done)
                {
                    return false;
                }
            }
        }

        foreach (var index in _rules.Required)
        {
            if (!seen[index])
            {
                valid = false;
                context.Report(_missing[index]);
            }
        }

        foreach (var (trigger, names, message, schema) in _rules.Dependencies)
        {
            if (!seen[trigger])
            {
                continue;
            }

            foreach (var index in names)
            {
                if (!seen[index])
                {
                    valid = false;
                    context.Report(message);
                }
            }

            if (schema is not null && !schema.Evaluate(instance, ref context))
            {
                valid = false;
            }
        }

        return valid;
    }

    private bool Property(JsonProperty property, scoped ReadOnlySpan<char> name, scoped Span<bool> seen, ref ValidationContext context)
    {
        var valid = true;
        var declared = false;
        if (_lookup.TryGetValue(name, out var index))
        {
            seen[index] = true;
            if (_rules.Schemas[index] is { } schema)
            {
                declared = true;
                valid = Child(schema, property, ref context);
            }
        }

        var matched = false;
        foreach (var (regex, schema) in _rules.Patterns)
        {
            if (EcmaPattern.IsMatch(regex, name))
            {
                matched = true;
                valid &= Child(schema, property, ref context);
            }
        }

        if (!declared && !matched)
        {
            if (_rules.AdditionalForbidden)
            {
                context.Report("must NOT have additional properties");
                valid = false;
            }
            else if (_rules.Additional is { } additional)
            {
                valid &= Child(additional, property, ref context);
            }
        }

        if (_rules.PropertyNames is { } names && !NameIsValid(names, name, ref context))
        {
            context.Report("property name must be valid");
            valid = false;
        }

        return valid;
    }

    private static bool Child(SchemaNode schema, JsonProperty property, ref ValidationContext context)
    {
        if (!context.Enter(property))
        {
            return false;
        }

        var valid = schema.Evaluate(property.Value, ref context);
        context.Pop();
        return valid;
    }

    /// <summary>propertyNames sees the name as a string instance; it is probed silently (one violation per bad name).</summary>
    private static bool NameIsValid(SchemaNode schema, scoped ReadOnlySpan<char> name, ref ValidationContext context)
    {
        // The only allocation on this path: schemas evaluate JSON elements, and a name is not one.
        using var document = JsonDocument.Parse($"\"{JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"");
        context.Silence();
        var valid = schema.Evaluate(document.RootElement, ref context);
        context.Unsilence();
        return valid;
    }
}
