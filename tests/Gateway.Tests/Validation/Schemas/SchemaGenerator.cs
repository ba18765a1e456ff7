using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// Random schemas for the differential corpus, from a seeded <see cref="Random"/>: every supported keyword in
/// random combinations and nestings, in one dialect. Definitions may refer only to earlier definitions, so the
/// generated <c>$ref</c>s never form a cycle that does not descend (which both sides reject).
/// </summary>
internal sealed class SchemaGenerator(Random random, bool is2020)
{
    private string DefinitionsKeyword => is2020 ? "$defs" : "definitions";

    public JsonObject Root()
    {
        var count = random.Next(0, 3);
        var definitions = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            definitions[$"d{i}"] = Node(depth: 2, references: i);
        }

        var root = Node(depth: 3, references: count) as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(Node(0, 0)) };
        if (is2020)
        {
            root["$schema"] = CorpusTables.Draft2020;
        }
        else if (random.Next(2) == 0)
        {
            root["$schema"] = CorpusTables.Draft04;
        }

        if (count > 0)
        {
            root[DefinitionsKeyword] = definitions;
        }

        return root;
    }

    /// <summary>A subschema; <paramref name="references"/> is how many definitions (d0..) it may refer to.</summary>
    private JsonNode Node(int depth, int references)
    {
        var choice = random.Next(depth > 0 ? 14 : 8);
        if (is2020 && random.Next(12) == 0)
        {
            return JsonValue.Create(random.Next(4) > 0);
        }

        return choice switch
        {
            0 or 1 => String(),
            2 => Number(),
            3 => new JsonObject { ["enum"] = Values(random.Next(1, 4)) },
            4 => new JsonObject { ["const"] = JsonNode.Parse(Pick(CorpusTables.Values)) },
            5 => new JsonObject { ["type"] = random.Next(3) == 0 ? new JsonArray("string", "null") : Pick(["boolean", "null", "integer"]) },
            6 or 7 => references > 0 ? Reference(references) : String(),
            8 or 9 or 10 => Object(depth, references),
            11 or 12 => Array(depth, references),
            _ => Combinator(depth, references),
        };
    }

    private JsonObject Reference(int references)
    {
        var reference = new JsonObject { ["$ref"] = $"#/{DefinitionsKeyword}/d{random.Next(references)}" };
        if (random.Next(3) == 0)
        {
            // A sibling: ignored in draft-04, applied in 2020-12.
            reference["maxLength"] = random.Next(1, 4);
        }

        return reference;
    }

    private JsonObject String()
    {
        var schema = new JsonObject();
        if (random.Next(3) > 0)
        {
            schema["type"] = "string";
        }

        var minimum = random.Next(4);
        if (random.Next(2) == 0)
        {
            schema["minLength"] = minimum;
        }

        if (random.Next(2) == 0)
        {
            schema["maxLength"] = minimum + random.Next(4);
        }

        if (random.Next(3) == 0)
        {
            schema["pattern"] = Pick(CorpusTables.Patterns).Pattern;
        }
        else if (random.Next(3) == 0)
        {
            schema["format"] = Pick(CorpusTables.Formats).Format;
        }

        return schema;
    }

    private JsonObject Number()
    {
        var schema = new JsonObject { ["type"] = Pick(["number", "integer", "number"]) };
        var low = random.Next(-5, 10) + (random.Next(4) == 0 ? 0.5 : 0);
        if (random.Next(2) == 0)
        {
            schema["minimum"] = low;
            if (!is2020 && random.Next(3) == 0)
            {
                schema["exclusiveMinimum"] = random.Next(2) == 0;
            }
        }
        else if (is2020 && random.Next(2) == 0)
        {
            schema["exclusiveMinimum"] = low;
        }

        if (random.Next(2) == 0)
        {
            var high = low + random.Next(0, 20);
            schema[is2020 && random.Next(3) == 0 ? "exclusiveMaximum" : "maximum"] = high;
            if (!is2020 && random.Next(3) == 0)
            {
                schema["exclusiveMaximum"] = true;
            }
        }

        if (random.Next(3) == 0)
        {
            schema["multipleOf"] = Pick(CorpusTables.Divisors);
        }

        return schema;
    }

    private JsonObject Object(int depth, int references)
    {
        var schema = new JsonObject { ["type"] = "object" };
        var properties = new JsonObject();
        var names = CorpusTables.PropertyNames.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        foreach (var name in names)
        {
            properties[name] = Node(depth - 1, references);
        }

        schema["properties"] = properties;
        var required = names.Where(_ => random.Next(2) == 0).Select(name => (JsonNode)name).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        switch (random.Next(4))
        {
            case 0: schema["additionalProperties"] = false; break;
            case 1: schema["additionalProperties"] = Node(depth - 1, references); break;
        }

        if (random.Next(4) == 0)
        {
            schema["patternProperties"] = new JsonObject { ["^x-"] = Node(depth - 1, references) };
        }

        if (random.Next(5) == 0)
        {
            schema[random.Next(2) == 0 ? "minProperties" : "maxProperties"] = random.Next(0, 3);
        }

        if (random.Next(5) == 0)
        {
            var keyword = is2020 ? Pick(["dependentRequired", "dependencies"]) : "dependencies";
            schema[keyword] = new JsonObject { [names[0]] = new JsonArray(Pick(CorpusTables.PropertyNames)) };
        }
        else if (random.Next(6) == 0)
        {
            schema[is2020 ? "dependentSchemas" : "dependencies"] = new JsonObject { [names[0]] = new JsonObject { ["required"] = new JsonArray(Pick(CorpusTables.PropertyNames)) } };
        }

        if (random.Next(6) == 0)
        {
            schema["propertyNames"] = random.Next(2) == 0 ? new JsonObject { ["maxLength"] = 3 } : new JsonObject { ["pattern"] = "^[a-z]+$" };
        }

        return schema;
    }

    private JsonObject Array(int depth, int references)
    {
        var schema = new JsonObject { ["type"] = "array" };
        var tuple = random.Next(3) == 0;
        if (tuple)
        {
            var positional = new JsonArray(Enumerable.Range(0, random.Next(1, 3)).Select(_ => Node(depth - 1, references)).ToArray());
            schema[is2020 ? "prefixItems" : "items"] = positional;
            switch (random.Next(3))
            {
                case 0: schema[is2020 ? "items" : "additionalItems"] = false; break;
                case 1: schema[is2020 ? "items" : "additionalItems"] = Node(depth - 1, references); break;
            }
        }
        else if (random.Next(4) > 0)
        {
            schema["items"] = random.Next(3) == 0 ? new JsonObject { ["type"] = Pick(["integer", "string", "number"]) } : Node(depth - 1, references);
        }

        if (random.Next(3) == 0)
        {
            schema["minItems"] = random.Next(0, 3);
        }

        if (random.Next(3) == 0)
        {
            schema["maxItems"] = random.Next(1, 5);
        }

        if (random.Next(3) == 0)
        {
            schema["uniqueItems"] = random.Next(4) > 0;
        }

        if (random.Next(5) == 0)
        {
            schema["contains"] = Node(depth - 1, references);
            if (is2020 && random.Next(2) == 0)
            {
                schema["minContains"] = random.Next(0, 3);
                schema["maxContains"] = random.Next(1, 4);
            }
        }

        return schema;
    }

    private JsonObject Combinator(int depth, int references)
    {
        JsonArray Branches() => new(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Node(depth - 1, references)).ToArray());
        return random.Next(5) switch
        {
            0 => new JsonObject { ["anyOf"] = Branches() },
            1 => new JsonObject { ["oneOf"] = Branches() },
            2 => new JsonObject { ["allOf"] = Branches() },
            3 => new JsonObject { ["not"] = Node(depth - 1, references) },
            _ => new JsonObject { ["if"] = Node(depth - 1, references), ["then"] = Node(depth - 1, references), ["else"] = Node(depth - 1, references) },
        };
    }

    private JsonArray Values(int count)
    {
        var values = new List<string>();
        while (values.Count < count)
        {
            var value = Pick(CorpusTables.Values);
            // Draft-04 enums must be unique; 1.5 and 2.0 differ from every other value, as do the rest.
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return new JsonArray([.. values.Select(value => JsonNode.Parse(value))]);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
