using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>Array, object and combinator keywords: the ones holding subschemas.</summary>
internal sealed partial class SchemaCompiler
{
    private void Arrays(JsonElement schema, string path, NodeKeywords keywords)
    {
        SchemaNode[] positional = [];
        SchemaNode? rest = null;
        var forbidden = false;
        var hasItems = schema.TryGetProperty("items", out var items);
        if (Is2020)
        {
            if (schema.TryGetProperty("prefixItems", out var prefix))
            {
                positional = SchemaArray(prefix, Pointer.Child(path, "prefixItems")) ?? [];
            }

            if (hasItems)
            {
                forbidden = items.ValueKind == JsonValueKind.False && positional.Length > 0;
                rest = forbidden || items.ValueKind == JsonValueKind.True ? null : Subschema(items, Pointer.Child(path, "items"));
            }
        }
        else
        {
            var additional = AdditionalSchema(schema, "additionalItems", path);
            if (hasItems && items.ValueKind == JsonValueKind.Array)
            {
                positional = SchemaArray(items, Pointer.Child(path, "items")) ?? [];
                rest = additional.Schema;
                forbidden = additional.Forbidden;
            }
            else if (hasItems)
            {
                rest = Subschema(items, Pointer.Child(path, "items"));
            }
        }

        if (positional.Length > 0 || rest is not null || forbidden)
        {
            keywords.Arrays.Add(new ItemsKeyword(positional, rest, forbidden));
        }

        if (Count(schema, "minItems", path) is { } minimum)
        {
            keywords.Arrays.Add(new ItemCountKeyword(minimum, isMaximum: false));
        }

        if (Count(schema, "maxItems", path) is { } maximum)
        {
            keywords.Arrays.Add(new ItemCountKeyword(maximum, isMaximum: true));
        }

        if (Boolean(schema, "uniqueItems", path) == true)
        {
            keywords.Arrays.Add(new UniqueItemsKeyword(ScalarItemTypes(schema)));
        }

        Contains(schema, path, keywords);
    }

    private void Contains(JsonElement schema, string path, NodeKeywords keywords)
    {
        // minContains / maxContains are 2020-12 keywords; draft-04 (as ajv's) needs one matching item.
        var minimum = Is2020 ? Count(schema, "minContains", path) ?? 1 : 1;
        var maximum = Is2020 ? Count(schema, "maxContains", path) : null;
        if (schema.TryGetProperty("contains", out var contains)
            && Subschema(contains, Pointer.Child(path, "contains"), allowBoolean: true) is { } node
            && (minimum > 0 || maximum is not null))
        {
            keywords.Arrays.Add(new ContainsKeyword(node, minimum, maximum));
        }
    }

    private void Objects(JsonElement schema, string path, NodeKeywords keywords)
    {
        var names = new ObjectNames();
        var schemas = new Dictionary<int, SchemaNode>();
        foreach (var (name, value) in Members(schema, "properties", path))
        {
            if (Subschema(value, Pointer.Child(Pointer.Child(path, "properties"), name)) is { } node)
            {
                schemas[names.Index(name)] = node;
            }
        }

        var patterns = new List<(System.Text.RegularExpressions.Regex, SchemaNode)>();
        foreach (var (pattern, value) in Members(schema, "patternProperties", path))
        {
            var at = Pointer.Child(Pointer.Child(path, "patternProperties"), pattern);
            var regex = EcmaPattern.TryCreate(pattern, out var problem);
            if (regex is null)
            {
                Error(at, $"the property name is not a supported ECMAScript regular expression: {problem}");
            }

            if (Subschema(value, at) is { } node && regex is not null)
            {
                patterns.Add((regex, node));
            }
        }

        var additional = AdditionalSchema(schema, "additionalProperties", path);
        var required = schema.TryGetProperty("required", out var requiredNames)
            ? [.. NameList(requiredNames, Pointer.Child(path, "required")).Select(names.Index)]
            : Array.Empty<int>();
        var dependencies = Dependencies(schema, path, names, keywords);
        var propertyNames = schema.TryGetProperty("propertyNames", out var nameSchema) && nameSchema.ValueKind != JsonValueKind.True
            ? Subschema(nameSchema, Pointer.Child(path, "propertyNames"), allowBoolean: true)
            : null;

        if (schemas.Count > 0 || patterns.Count > 0 || additional.Schema is not null || additional.Forbidden || required.Length > 0 || dependencies.Length > 0 || propertyNames is not null)
        {
            keywords.Objects.Add(new PropertiesKeyword(new ObjectRules
            {
                Names = [.. names.All],
                Schemas = [.. Enumerable.Range(0, names.All.Count).Select(index => schemas.GetValueOrDefault(index))],
                Patterns = [.. patterns],
                Additional = additional.Schema,
                AdditionalForbidden = additional.Forbidden,
                Required = required,
                Dependencies = dependencies,
                PropertyNames = propertyNames,
            }));
        }

        if (Count(schema, "minProperties", path) is { } minimum)
        {
            keywords.Objects.Add(new PropertyCountKeyword(minimum, isMaximum: false));
        }

        if (Count(schema, "maxProperties", path) is { } maximum)
        {
            keywords.Objects.Add(new PropertyCountKeyword(maximum, isMaximum: true));
        }
    }

    /// <summary>dependencies (names or a schema per property; ajv honours it in both dialects), and 2020-12's dependentRequired / dependentSchemas.</summary>
    private (int, int[], string, SchemaNode?)[] Dependencies(JsonElement schema, string path, ObjectNames names, NodeKeywords keywords)
    {
        var dependencies = new List<(int, int[], string, SchemaNode?)>();
        foreach (var keyword in Is2020 ? ["dependencies", "dependentRequired", "dependentSchemas"] : new[] { "dependencies" })
        {
            foreach (var (property, value) in Members(schema, keyword, path))
            {
                var at = Pointer.Child(Pointer.Child(path, keyword), property);
                var isNames = keyword == "dependentRequired" || (keyword == "dependencies" && value.ValueKind == JsonValueKind.Array);
                if (isNames)
                {
                    var required = NameList(value, at);
                    if (required.Count > 0)
                    {
                        var noun = required.Count == 1 ? "property" : "properties";
                        var message = $"must have {noun} {string.Join(", ", required)} when property {property} is present";
                        dependencies.Add((names.Index(property), [.. required.Select(names.Index)], message, null));
                    }
                }
                else if (Subschema(value, at, allowBoolean: Is2020) is { } node)
                {
                    keywords.SameLocation.Add((node, at));
                    dependencies.Add((names.Index(property), [], string.Empty, node));
                }
            }
        }

        return [.. dependencies];
    }

    private void Combinators(JsonElement schema, string path, NodeKeywords keywords)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["allOf", "anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(keyword, out var value) || SchemaArray(value, Pointer.Child(path, keyword)) is not { } nodes)
            {
                continue;
            }

            for (var i = 0; i < nodes.Length; i++)
            {
                keywords.SameLocation.Add((nodes[i], Pointer.Child(Pointer.Child(path, keyword), i)));
            }

            keywords.Any.Add(keyword == "allOf" ? new AllOfKeyword(nodes) : new ChoiceKeyword(nodes, exactlyOne: keyword == "oneOf"));
        }

        if (schema.TryGetProperty("not", out var not) && Subschema(not, Pointer.Child(path, "not")) is { } negated)
        {
            keywords.SameLocation.Add((negated, Pointer.Child(path, "not")));
            keywords.Any.Add(new NotKeyword(negated));
        }

        // if without then/else is ignored (ajv too); then/else without if as well.
        var condition = Clause(schema, "if", path, keywords);
        var then = Clause(schema, "then", path, keywords);
        var otherwise = Clause(schema, "else", path, keywords);
        if (condition is not null && (then is not null || otherwise is not null))
        {
            keywords.Any.Add(new ConditionalKeyword(condition, then, otherwise));
        }
    }

    private SchemaNode? Clause(JsonElement schema, string keyword, string path, NodeKeywords keywords)
    {
        if (!schema.TryGetProperty(keyword, out var value) || Subschema(value, Pointer.Child(path, keyword), allowBoolean: true) is not { } node)
        {
            return null;
        }

        keywords.SameLocation.Add((node, Pointer.Child(path, keyword)));
        return node;
    }
}
