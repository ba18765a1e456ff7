using System.Globalization;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// Compiles a schema document into <see cref="SchemaNode"/>s, reporting every problem of the schema itself with its
/// JSON pointer — the checks ajv makes when it compiles (its meta-schema plus its own keyword rules), so a schema
/// ajv rejects is rejected here too. Nodes are memoized by pointer: a <c>$ref</c> and the normal walk share one
/// node, and recursive references close into a graph. Split by theme: this file walks nodes and resolves
/// references, <c>SchemaCompiler.Values.cs</c> reads type/enum/number/string keywords, <c>SchemaCompiler.Applicators.cs</c>
/// the array, object and combinator keywords, <c>SchemaCompiler.Readers.cs</c> the value readers they share.
/// </summary>
internal sealed partial class SchemaCompiler
{
    public const string Draft04Uri = "http://json-schema.org/draft-04/schema";
    public const string Draft202012Uri = "https://json-schema.org/draft/2020-12/schema";

    private readonly JsonElement _root;
    private readonly SchemaDialect _dialect;
    private readonly List<SchemaError> _errors;
    private readonly Dictionary<string, SchemaNode> _nodes = new(StringComparer.Ordinal);

    private SchemaCompiler(JsonElement root, SchemaDialect dialect, List<SchemaError> errors)
    {
        _root = root;
        _dialect = dialect;
        _errors = errors;
    }

    private bool Is2020 => _dialect == SchemaDialect.Draft202012;

    /// <summary>Compiles <paramref name="schema"/>; the root node, or null with <paramref name="errors"/> filled.</summary>
    public static SchemaNode? Compile(JsonElement schema, out SchemaDialect dialect, out List<SchemaError> errors)
    {
        errors = [];
        dialect = ReadDialect(schema, errors);
        var compiler = new SchemaCompiler(schema, dialect, errors);
        if (dialect == SchemaDialect.Draft04 && schema.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SchemaError(string.Empty, "must be an object (draft-04 has no boolean schemas)"));
            return null;
        }

        var root = compiler.Subschema(schema, string.Empty, allowBoolean: true);
        SchemaCycles.Report(compiler._nodes.Values, errors);
        return errors.Count == 0 ? root : null;
    }

    private static SchemaDialect ReadDialect(JsonElement schema, List<SchemaError> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("$schema", out var value))
        {
            return SchemaDialect.Draft04;
        }

        var uri = value.ValueKind == JsonValueKind.String ? value.GetString()!.TrimEnd('#') : null;
        switch (uri)
        {
            case Draft04Uri:
                return SchemaDialect.Draft04;
            case Draft202012Uri:
                return SchemaDialect.Draft202012;
            default:
                errors.Add(new SchemaError("/$schema", $"unsupported dialect {value.GetRawText()}: use \"{Draft04Uri}#\" or \"{Draft202012Uri}\""));
                return SchemaDialect.Draft04;
        }
    }

    /// <summary>
    /// A subschema at <paramref name="path"/>: an object, or a boolean where the dialect (or ajv for keywords
    /// draft-04's meta-schema does not describe) allows one. Null after reporting when it is neither.
    /// </summary>
    private SchemaNode? Subschema(JsonElement value, string path, bool allowBoolean = false)
    {
        var isBoolean = value.ValueKind is JsonValueKind.True or JsonValueKind.False;
        if (value.ValueKind == JsonValueKind.Object || (isBoolean && (allowBoolean || Is2020)))
        {
            return Node(value, path);
        }

        Error(path, Is2020 || allowBoolean ? "must be a schema (an object or a boolean)" : "must be a schema (an object)");
        return null;
    }

    private SchemaNode Node(JsonElement schema, string path)
    {
        if (_nodes.TryGetValue(path, out var node))
        {
            return node;
        }

        node = new SchemaNode(path);
        _nodes[path] = node;
        if (schema.ValueKind != JsonValueKind.Object)
        {
            node.SetConstant(schema.ValueKind == JsonValueKind.True);
            return node;
        }

        Definitions(schema, path);
        Unsupported(schema, path);
        var keywords = new NodeKeywords();
        var type = Type(schema, path);
        if (schema.TryGetProperty("$ref", out var reference) && Reference(reference, Pointer.Child(path, "$ref")) is { } target)
        {
            keywords.Any.Add(new RefKeyword(target));
            keywords.SameLocation.Add((target, Pointer.Child(path, "$ref")));
            if (!Is2020)
            {
                // Draft-04: "All other properties in a $ref object MUST be ignored" — still checked, as ajv checks them.
                Keywords(schema, path, new NodeKeywords());
                node.SetKeywords(null, keywords);
                return node;
            }
        }

        Keywords(schema, path, keywords);
        node.SetKeywords(type, keywords);
        return node;
    }

    private void Keywords(JsonElement schema, string path, NodeKeywords keywords)
    {
        Values(schema, path, keywords);
        Numbers(schema, path, keywords);
        Strings(schema, path, keywords);
        Arrays(schema, path, keywords);
        Objects(schema, path, keywords);
        Combinators(schema, path, keywords);
    }

    /// <summary>definitions / $defs: compiled even when unreferenced, so their errors are reported (ajv's meta-schema does).</summary>
    private void Definitions(JsonElement schema, string path)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["definitions", "$defs"])
        {
            if (!schema.TryGetProperty(keyword, out var definitions))
            {
                continue;
            }

            var definitionsPath = Pointer.Child(path, keyword);
            if (definitions.ValueKind != JsonValueKind.Object)
            {
                Error(definitionsPath, "must be an object of schemas");
                continue;
            }

            foreach (var definition in definitions.EnumerateObject())
            {
                Subschema(definition.Value, Pointer.Child(definitionsPath, definition.Name), allowBoolean: keyword == "$defs");
            }
        }
    }

    /// <summary>Keywords whose meaning we do not implement, rejected rather than silently not enforced.</summary>
    private void Unsupported(JsonElement schema, string path)
    {
        var idKeyword = Is2020 ? "$id" : "id";
        if (path.Length > 0 && schema.TryGetProperty(idKeyword, out _))
        {
            Error(Pointer.Child(path, idKeyword), $"{idKeyword} below the root is not supported (it would change how $ref resolves)");
        }

        if (!Is2020)
        {
            return;
        }

        foreach (var keyword in (ReadOnlySpan<string>)["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$anchor"])
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                Error(Pointer.Child(path, keyword), $"{keyword} is not supported");
            }
        }
    }

    /// <summary>A local <c>$ref</c> ("#", "#/definitions/x", percent- and ~-escaped) resolved to its node.</summary>
    private SchemaNode? Reference(JsonElement reference, string path)
    {
        if (reference.ValueKind != JsonValueKind.String)
        {
            Error(path, "must be a string");
            return null;
        }

        var text = reference.GetString()!;
        if (!text.StartsWith('#'))
        {
            Error(path, $"remote $ref \"{text}\" is not supported: only references inside this schema (\"#/...\")");
            return null;
        }

        var fragment = Uri.UnescapeDataString(text[1..]);
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            Error(path, $"$ref \"{text}\" names an anchor, which is not supported: use a JSON pointer such as \"#/definitions/name\"");
            return null;
        }

        var target = _root;
        var targetPath = string.Empty;
        foreach (var escaped in fragment.Length == 0 ? [] : fragment[1..].Split('/'))
        {
            var segment = escaped.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(segment, out var child))
            {
                target = child;
            }
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < target.GetArrayLength())
            {
                target = target[index];
            }
            else
            {
                Error(path, $"$ref \"{text}\" does not resolve: no \"{segment}\" at \"{targetPath}\"");
                return null;
            }

            targetPath = Pointer.Child(targetPath, segment);
        }

        if (target.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            Error(path, $"$ref \"{text}\" points at a {target.ValueKind.ToString().ToLowerInvariant()}, not a schema");
            return null;
        }

        return Node(target, targetPath);
    }

    private void Error(string path, string message) => _errors.Add(new SchemaError(path, message));
}
