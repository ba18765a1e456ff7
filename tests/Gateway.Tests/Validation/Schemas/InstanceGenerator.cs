using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// Instances for one corpus schema: samples that follow the schema (mostly valid) and mutations of them — wrong
/// types, numbers on and around every limit the schema mentions (±1, ±0.5), strings around every length it mentions
/// (in ASCII and in astral characters), format near misses, missing and extra properties (including names that
/// need ~0/~1 escaping), duplicated items, deeper nesting.
/// </summary>
internal sealed class InstanceGenerator(Random random, JsonObject root)
{
    private readonly double[] _numbers = [.. Numbers(root).SelectMany(n => new[] { n, n - 1, n + 1, n - 0.5, n + 0.5 }).Distinct()];
    private readonly int[] _lengths = [.. Lengths(root).SelectMany(n => new[] { n - 1, n, n + 1 }).Where(n => n >= 0).Distinct()];

    public List<JsonNode?> Instances(int samples, int mutations)
    {
        var instances = new List<JsonNode?>();
        var bases = Enumerable.Range(0, samples).Select(_ => Sample(root, depth: 4)).ToList();
        instances.AddRange(bases.Select(node => node?.DeepClone()));
        for (var i = 0; i < mutations; i++)
        {
            instances.Add(Mutate(bases[random.Next(bases.Count)]?.DeepClone()));
        }

        return instances;
    }

    /// <summary>An instance that follows <paramref name="schema"/> as far as a quick walk can tell.</summary>
    private JsonNode? Sample(JsonNode? schema, int depth)
    {
        if (schema is not JsonObject node || depth < 0)
        {
            return Any(depth);
        }

        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            return Sample(Resolve(reference), depth - 1);
        }

        if (node["const"] is { } constant)
        {
            return constant.DeepClone();
        }

        if (node["enum"] is JsonArray values)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (node[keyword] is JsonArray branches)
            {
                return Sample(branches[random.Next(branches.Count)], depth - 1);
            }
        }

        return TypeOf(node) switch
        {
            "string" => String(node),
            "number" or "integer" => Number(node, TypeOf(node) == "integer"),
            "object" => Object(node, depth),
            "array" => Array(node, depth),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "null" => null,
            _ => Any(depth),
        };
    }

    private string? TypeOf(JsonObject node)
    {
        return node["type"] switch
        {
            JsonArray types => types[random.Next(types.Count)]!.GetValue<string>(),
            JsonValue type => type.GetValue<string>(),
            _ when node.ContainsKey("properties") || node.ContainsKey("required") => "object",
            _ when node.ContainsKey("items") || node.ContainsKey("prefixItems") => "array",
            _ when node.ContainsKey("minLength") || node.ContainsKey("pattern") || node.ContainsKey("format") => "string",
            _ when node.ContainsKey("minimum") || node.ContainsKey("maximum") || node.ContainsKey("multipleOf") => "number",
            _ => null,
        };
    }

    private JsonNode String(JsonObject node)
    {
        var format = node["format"]?.GetValue<string>();
        if (CorpusTables.Formats.FirstOrDefault(f => f.Format == format) is { Valid: not null } formatRow)
        {
            return random.Next(4) > 0 ? Pick(formatRow.Valid) : Pick(formatRow.Invalid);
        }

        var pattern = node["pattern"]?.GetValue<string>();
        if (CorpusTables.Patterns.FirstOrDefault(p => p.Pattern == pattern) is { Matching: not null } patternRow)
        {
            return random.Next(4) > 0 ? Pick(patternRow.Matching) : Pick(patternRow.Other);
        }

        var minimum = node["minLength"]?.GetValue<int>() ?? 0;
        var maximum = node["maxLength"]?.GetValue<int>() ?? minimum + 5;
        return Text(random.Next(minimum, Math.Max(minimum, maximum) + 1));
    }

    private JsonNode Number(JsonObject node, bool integer)
    {
        var exclusive = node["exclusiveMinimum"] is JsonValue flag && flag.TryGetValue<double>(out var limit) ? limit : -10;
        var low = node["minimum"]?.GetValue<double>() ?? exclusive;
        var high = node["maximum"]?.GetValue<double>() ?? 30;
        var divisor = node["multipleOf"]?.GetValue<double>() ?? (integer ? 1 : 0.25);
        var candidate = Math.Ceiling(low / divisor) * divisor + (divisor * random.Next(0, 4));
        if (candidate > high && random.Next(2) == 0)
        {
            candidate = Math.Floor(high / divisor) * divisor;
        }

        return JsonNode.Parse(candidate.ToString(CultureInfo.InvariantCulture))!;
    }

    private JsonObject Object(JsonObject node, int depth)
    {
        var instance = new JsonObject();
        var required = (node["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, schema) in properties)
            {
                if (required.Contains(name) || random.Next(3) > 0)
                {
                    instance[name] = Sample(schema, depth - 1);
                }
            }
        }

        foreach (var name in required.Where(name => !instance.ContainsKey(name)))
        {
            instance[name] = Any(depth - 1);
        }

        if (node["patternProperties"] is JsonObject patterns && random.Next(2) == 0)
        {
            instance["x-extra"] = Sample(patterns["^x-"], depth - 1);
        }

        if (node["additionalProperties"] is JsonObject additional && random.Next(2) == 0)
        {
            instance["other"] = Sample(additional, depth - 1);
        }

        return instance;
    }

    private JsonArray Array(JsonObject node, int depth)
    {
        var instance = new JsonArray();
        var positional = (node["prefixItems"] ?? node["items"]) as JsonArray;
        foreach (var schema in positional ?? [])
        {
            instance.Add(Sample(schema, depth - 1));
        }

        var rest = positional is null ? node["items"] : node[node.ContainsKey("prefixItems") ? "items" : "additionalItems"];
        var count = random.Next(node["minItems"]?.GetValue<int>() ?? 0, (node["maxItems"]?.GetValue<int>() ?? 3) + 1);
        for (var i = 0; i < count && rest is not JsonValue; i++)
        {
            instance.Add(Sample(rest, depth - 1));
        }

        return instance;
    }

    /// <summary>One random change somewhere in the instance.</summary>
    private JsonNode? Mutate(JsonNode? instance)
    {
        var places = new List<JsonNode?> { instance };
        Collect(instance, places);
        var target = places[random.Next(places.Count)];
        var replacement = random.Next(9) switch
        {
            0 => JsonNode.Parse(Pick(CorpusTables.Values)),
            1 => _numbers.Length > 0 ? Json(Pick(_numbers)) : JsonNode.Parse(Pick(CorpusTables.Values)),
            2 => Text(_lengths.Length > 0 ? Pick(_lengths) : random.Next(6)),
            3 => Pick(Pick(CorpusTables.Formats).Invalid.Concat(Pick(CorpusTables.Patterns).Other).ToList()),
            4 => new JsonArray(target?.DeepClone()),
            _ => null,
        };

        switch (target)
        {
            case JsonObject obj when random.Next(2) == 0 && obj.Count > 0:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                return instance;
            case JsonObject obj:
                obj[Pick(CorpusTables.PropertyNames)] = replacement?.DeepClone() ?? Any(1);
                return instance;
            case JsonArray array when array.Count > 0 && random.Next(2) == 0:
                array.Add(array[random.Next(array.Count)]?.DeepClone());
                return instance;
            case JsonArray array:
                array.Add(replacement?.DeepClone() ?? Any(1));
                return instance;
        }

        if (replacement is null && target is not null)
        {
            replacement = JsonNode.Parse(Pick(CorpusTables.Values));
        }

        return Replace(instance, target, replacement);
    }

    private static JsonNode? Replace(JsonNode? instance, JsonNode? target, JsonNode? replacement)
    {
        if (ReferenceEquals(instance, target) || target?.Parent is not { } parent)
        {
            return replacement;
        }

        if (parent is JsonObject obj)
        {
            obj[obj.First(p => ReferenceEquals(p.Value, target)).Key] = replacement;
        }
        else if (parent is JsonArray array)
        {
            array[array.IndexOf(target)] = replacement;
        }

        return instance;
    }

    private static void Collect(JsonNode? node, List<JsonNode?> places)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.Where(child => child is not null))
        {
            places.Add(child);
            Collect(child, places);
        }
    }

    private JsonNode? Any(int depth) => random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => Json(random.Next(-3, 20) / (random.Next(2) == 0 ? 1.0 : 2.0)),
        3 or 4 => Text(random.Next(0, 5)),
        5 => JsonNode.Parse(Pick(CorpusTables.Values)),
        6 => new JsonArray(Any(depth - 1), Any(depth - 1)),
        _ => new JsonObject { [Pick(CorpusTables.PropertyNames)] = Any(depth - 1) },
    };

    private JsonNode Text(int length)
    {
        var text = new StringBuilder();
        var astral = random.Next(3) == 0;
        for (var i = 0; i < length; i++)
        {
            text.Append(astral ? "😀" : Pick(CorpusTables.StringPieces));
        }

        return text.ToString();
    }

    private JsonNode? Resolve(string reference) =>
        reference == "#" ? root : root[reference.Split('/')[1]]?[reference.Split('/')[2]];

    private static JsonNode Json(double number) =>
        JsonNode.Parse(number.ToString(number == Math.Floor(number) && number % 2 == 0 ? "0.0" : "R", CultureInfo.InvariantCulture))!;

    private static IEnumerable<double> Numbers(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Where(p => p.Key is "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf" && p.Value is JsonValue v && v.TryGetValue<double>(out _))
            .Select(p => p.Value!.GetValue<double>()).Concat(obj.SelectMany(p => Numbers(p.Value))),
        JsonArray array => array.SelectMany(Numbers),
        _ => [],
    };

    private static IEnumerable<int> Lengths(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Where(p => p.Key is "minLength" or "maxLength").Select(p => p.Value!.GetValue<int>()).Concat(obj.SelectMany(p => Lengths(p.Value))),
        JsonArray array => array.SelectMany(Lengths),
        _ => [],
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
