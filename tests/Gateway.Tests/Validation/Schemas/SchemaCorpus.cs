using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>One corpus schema and its instances, as the JSON texts both validators read.</summary>
internal sealed record CorpusEntry(string Name, string Schema, IReadOnlyList<string> Instances);

/// <summary>
/// The differential corpus: handwritten schemas (the sample's CreateUser model, a recursive tree, every keyword in
/// both dialects) and generated ones, each with sampled and mutated instances, all from one seed; plus schemas
/// both validators must reject (<see cref="Rejected"/>).
/// </summary>
internal static class SchemaCorpus
{
    public const string CreateUser = """
        {"$schema":"http://json-schema.org/draft-04/schema#","title":"CreateUser","type":"object","required":["email","name"],"properties":{"email":{"type":"string","pattern":"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},"name":{"type":"string","minLength":1,"maxLength":100},"age":{"type":"integer","minimum":0,"maximum":150},"role":{"type":"string","enum":["admin","editor","viewer"]}},"additionalProperties":false}
        """;

    private const string D4 = "'$schema': 'http://json-schema.org/draft-04/schema#', ";
    private const string D20 = "'$schema': 'https://json-schema.org/draft/2020-12/schema', ";

    /// <summary>Handwritten schemas, single-quoted for readability.</summary>
    private static readonly string[] Handwritten =
    [
        "{'definitions': {'node': {'type': 'object', 'required': ['value'], 'properties': {'value': {'type': 'integer', 'minimum': 0}, 'children': {'type': 'array', 'items': {'$ref': '#/definitions/node'}, 'maxItems': 3}}, 'additionalProperties': false}}, '$ref': '#/definitions/node'}",
        "{" + D20 + "'$defs': {'node': {'type': 'object', 'properties': {'value': {'type': 'string', 'minLength': 1}, 'next': {'anyOf': [{'type': 'null'}, {'$ref': '#/$defs/node'}]}}, 'required': ['value']}}, '$ref': '#/$defs/node'}",
        "{'type': 'object', 'properties': {'next': {'$ref': '#'}, 'n': {'type': 'number', 'multipleOf': 0.5}}}",
        "{" + D4 + "'type': 'object', 'properties': {'a/b': {'type': 'string'}, 'c~d': {'type': 'integer'}, 'é': {'type': 'boolean'}}, 'required': ['a/b', 'c~d']}",
        "{" + D4 + "'type': 'array', 'items': [{'type': 'string'}, {'type': 'integer'}], 'additionalItems': false, 'minItems': 1}",
        "{" + D4 + "'type': 'array', 'items': [{'type': 'string'}], 'additionalItems': {'type': 'number', 'maximum': 10, 'exclusiveMaximum': true}}",
        "{" + D20 + "'type': 'array', 'prefixItems': [{'type': 'string'}, {'type': 'integer'}], 'items': false}",
        "{" + D20 + "'type': 'array', 'prefixItems': [{'const': 'head'}], 'items': {'type': 'number', 'exclusiveMinimum': 0, 'exclusiveMaximum': 10}}",
        "{" + D4 + "'type': 'number', 'minimum': 0, 'exclusiveMinimum': true, 'maximum': 100, 'multipleOf': 0.25}",
        "{" + D20 + "'type': 'integer', 'exclusiveMinimum': -5, 'maximum': 5, 'multipleOf': 2}",
        "{'type': 'array', 'uniqueItems': true, 'items': {'type': 'integer'}}",
        "{'type': 'array', 'uniqueItems': true, 'items': {'type': ['string', 'number', 'null']}}",
        "{'type': 'array', 'uniqueItems': true}",
        "{'type': 'array', 'uniqueItems': true, 'items': {'type': 'object'}}",
        "{" + D20 + "'type': 'array', 'contains': {'type': 'string', 'minLength': 2}, 'minContains': 2, 'maxContains': 3}",
        "{'type': 'array', 'contains': {'type': 'integer', 'minimum': 5}}",
        "{'type': 'object', 'properties': {'email': {'format': 'email'}, 'site': {'format': 'uri'}, 'at': {'format': 'date-time'}, 'day': {'format': 'date'}, 'clock': {'format': 'time'}, 'id': {'format': 'uuid'}, 'v4': {'format': 'ipv4'}, 'v6': {'format': 'ipv6'}, 'host': {'format': 'hostname'}}}",
        "{'type': 'object', 'patternProperties': {'^x-': {'type': 'string'}, '^n[0-9]$': {'type': 'number'}}, 'additionalProperties': false, 'minProperties': 1, 'maxProperties': 3}",
        "{'type': 'object', 'properties': {'kind': {'enum': ['a', 'b']}}, 'dependencies': {'kind': ['id'], 'id': {'properties': {'id': {'type': 'string', 'maxLength': 4}}}}}",
        "{" + D20 + "'type': 'object', 'dependentRequired': {'a': ['b', 'c']}, 'dependentSchemas': {'b': {'required': ['d']}}, 'propertyNames': {'maxLength': 2}}",
        "{'anyOf': [{'type': 'string', 'maxLength': 3}, {'type': 'integer', 'minimum': 10}], 'not': {'const': 'bad'}}",
        "{'oneOf': [{'type': 'number', 'multipleOf': 3}, {'type': 'number', 'multipleOf': 5}]}",
        "{'allOf': [{'type': 'object', 'required': ['a']}, {'properties': {'a': {'type': 'string'}, 'b': {'type': 'array', 'items': {'type': 'integer'}}}}]}",
        "{'if': {'properties': {'kind': {'const': 'circle'}}, 'required': ['kind']}, 'then': {'required': ['radius']}, 'else': {'required': ['side']}}",
        "{'type': ['string', 'null'], 'pattern': '^.{1,3}$'}",
        "{" + D4 + "'definitions': {'s': {'type': 'string'}}, 'properties': {'x': {'$ref': '#/definitions/s', 'minLength': 3}}}",
        "{" + D20 + "'$defs': {'s': {'type': 'string'}}, 'properties': {'x': {'$ref': '#/$defs/s', 'minLength': 3}, 'y': false, 'z': true}}",
        "{'enum': [1, '1', [1, {'a': null}], {'x': [true]}, null]}",
        "{'type': 'object', 'properties': {'p': {'pattern': '\\\\bfoo\\\\b'}, 'q': {'pattern': '😀+'}, 'r': {'pattern': '^\\\\w+$'}, 's': {'pattern': '^\\\\s*$'}}}",
    ];

    /// <summary>Extra instances for the handwritten schemas: number spellings and edge values the generators do not make.</summary>
    private static readonly string[] EdgeInstances =
    [
        "1.0", "-0", "1e1", "1.5e1", "0.25", "[1, 1.0]", "[\"a\", \"a\"]", "[{\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}]", "\"\"",
        "\"\\ud83d\\ude00\\ud83d\\ude00\"", "{\"value\": 1, \"children\": [{\"value\": 2, \"children\": [{\"value\": -1}]}]}",
        "{\"value\": \"a\", \"next\": {\"value\": \"\", \"next\": null}}", "{\"next\": {\"next\": {\"n\": 0.75}}}",
        "{\"a/b\": 1, \"c~d\": 1.5}", "{\"kind\": \"circle\", \"side\": 1}", "[\"head\", 0, 10, 9.5]",
        "[\"ab\", \"cd\", \"ef\"]", "[\"ab\", \"cd\", \"ef\", \"gh\"]", "[5, 6, \"ab\"]", "[\"ab\", 1, \"ab\"]",
        "{\"a\\u002fb\": \"x\", \"c\\u007ed\": 2, \"\\u00e9\": true, \"x-\\u0061\": \"y\"}",
        "[" + string.Join(", ", Enumerable.Range(0, 20)) + "]", "[" + string.Join(", ", Enumerable.Range(0, 20)) + ", 7.0, 3]",
        "[" + string.Join(", ", Enumerable.Range(0, 20).Select(i => $"{{\"k\": {i % 19}}}")) + "]",
        "[" + string.Join(", ", Enumerable.Range(0, 20).Select(i => $"\"s{i % 18}\"")) + ", null, 1]",
    ];

    /// <summary>
    /// Schemas both must reject. Left out on purpose, where we are stricter than ajv: <c>{"$ref": "#"}</c>-style cycles
    /// (ajv compiles them and overflows its stack when validating), unevaluated* (we do not implement them), a boolean
    /// root in draft-04 (no boolean schemas before draft-06) and an invalid patternProperties regex whose schema is
    /// <c>{}</c> (ajv never compiles it).
    /// </summary>
    public static readonly string[] Rejected =
    [
        "{'type': 'strin'}", "{'type': ['string', 'string']}", "{'minLength': -1}", "{'maxLength': 1.5}", "{'minimum': '0'}",
        "{'multipleOf': 0}", "{'pattern': '('}", "{'pattern': '\\\\-'}", "{'pattern': '(?i)a'}", "{'enum': []}", "{'enum': [1, 1.0]}",
        "{'required': []}", "{'required': ['a', 'a']}", "{'$ref': '#/definitions/missing'}", "{'$ref': 'http://example.com/s.json'}",
        "{'exclusiveMinimum': true}", "{'minimum': 1, 'exclusiveMinimum': 1}", "{'items': true}", "{'items': []}",
        "{'additionalProperties': 'x'}", "{'uniqueItems': 'yes'}", "{'format': 5}", "{'properties': {'a': 5}}", "{'allOf': []}",
        "{'not': 1}", "{'dependencies': {'a': 'b'}}", "{'definitions': {'a': {'type': 7}}}", "{'patternProperties': {'(': {'type': 'string'}}}",
        "{'$schema': 'http://json-schema.org/draft-07/schema#'}",
        "{" + D20 + "'items': [{}]}", "{" + D20 + "'exclusiveMinimum': true}", "{" + D20 + "'prefixItems': []}",
        "{" + D20 + "'minContains': -1, 'contains': {}}", "{" + D20 + "'dependentRequired': {'a': 'b'}}",
    ];

    public static List<CorpusEntry> Build(int seed, int generatedPerDialect, int samples, int mutations)
    {
        var random = new Random(seed);
        var schemas = new List<(string Name, JsonObject Schema)> { ("CreateUser", JsonNode.Parse(CreateUser)!.AsObject()) };
        schemas.AddRange(Handwritten.Select((text, i) => ($"handwritten[{i}]", JsonNode.Parse(SchemaTesting.Json(text))!.AsObject())));
        foreach (var is2020 in new[] { false, true })
        {
            var generator = new SchemaGenerator(random, is2020);
            schemas.AddRange(Enumerable.Range(0, generatedPerDialect).Select(i => ($"generated[{(is2020 ? "2020-12" : "draft-04")}:{i}]", generator.Root())));
        }

        var entries = new List<CorpusEntry>();
        foreach (var (name, schema) in schemas)
        {
            var instances = new InstanceGenerator(random, schema).Instances(samples, mutations)
                .Select((instance, i) => instance?.ToJsonString(i % 2 == 0 ? Escaped : Relaxed) ?? "null").ToList();
            if (!name.StartsWith("generated", StringComparison.Ordinal))
            {
                instances.AddRange(EdgeInstances);
            }

            entries.Add(new CorpusEntry(name, schema.ToJsonString(Relaxed), instances));
        }

        return entries;
    }

    /// <summary>The batch oracle.mjs reads: instance texts are spliced in verbatim, so "1.0" stays "1.0".</summary>
    public static string Batch(IEnumerable<(string Schema, IReadOnlyList<string> Instances)> entries) =>
        "{\"schemas\": [" + string.Join(",\n", entries.Select(e => $"{{\"schema\": {e.Schema}, \"instances\": [{string.Join(", ", e.Instances)}]}}")) + "]}";

    private static readonly JsonSerializerOptions Escaped = new();
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
