using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// One compiled (sub)schema: its keywords grouped by the instance type they apply to, as ajv groups them — a
/// type-specific keyword (minimum, pattern, items, required) checks only instances of its type, whatever
/// <c>type</c> says; <c>type</c>, enum, const and the applicators check every instance. Nodes are created before
/// their keywords (a <c>$ref</c> may point back at a node still being compiled) and never change after compilation.
/// </summary>
internal sealed class SchemaNode(string location)
{
    private const string FalseSchema = "boolean schema is false";

    private bool? _constant;
    private TypeKeyword? _type;
    private Keyword[] _any = [];
    private Keyword[] _numbers = [];
    private StringKeyword[] _strings = [];
    private Keyword[] _arrays = [];
    private Keyword[] _objects = [];

    /// <summary>The JSON pointer of this schema inside the document, for compile errors.</summary>
    public string Location { get; } = location;

    /// <summary>The <c>type</c> keyword, if any (uniqueItems reads it to match ajv's messages).</summary>
    public TypeKeyword? Type => _type;

    /// <summary>Schemas this one applies to the same instance location (via $ref and the applicators), for cycle detection.</summary>
    public List<(SchemaNode Target, string Path)> SameLocation { get; } = [];

    /// <summary>Makes this node a boolean schema: <c>true</c> accepts every instance, <c>false</c> none.</summary>
    public void SetConstant(bool value) => _constant = value;

    public void SetKeywords(TypeKeyword? type, NodeKeywords keywords)
    {
        _type = type;
        _any = [.. keywords.Any];
        _numbers = [.. keywords.Numbers];
        _strings = [.. keywords.Strings];
        _arrays = [.. keywords.Arrays];
        _objects = [.. keywords.Objects];
        SameLocation.AddRange(keywords.SameLocation);
    }

    public bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        if (_constant is bool constant)
        {
            if (!constant)
            {
                context.Report(FalseSchema);
            }

            return constant;
        }

        var valid = _type is null || _type.Evaluate(instance, ref context);
        if (!valid && context.Done)
        {
            return false;
        }

        valid &= Run(_any, instance, ref context);
        if (!valid && context.Done)
        {
            return false;
        }

        return instance.ValueKind switch
        {
            JsonValueKind.Number => Run(_numbers, instance, ref context) && valid,
            JsonValueKind.String => RunStrings(instance, ref context) && valid,
            JsonValueKind.Array => Run(_arrays, instance, ref context) && valid,
            JsonValueKind.Object => Run(_objects, instance, ref context) && valid,
            _ => valid,
        };
    }

    private static bool Run(Keyword[] keywords, JsonElement instance, ref ValidationContext context)
    {
        var valid = true;
        foreach (var keyword in keywords)
        {
            if (!keyword.Evaluate(instance, ref context))
            {
                valid = false;
                if (context.Done)
                {
                    break;
                }
            }
        }

        return valid;
    }

    private bool RunStrings(JsonElement instance, ref ValidationContext context)
    {
        if (_strings.Length == 0)
        {
            return true;
        }

        using var text = JsonText.Of(instance, stackalloc char[JsonText.StackLength]);
        var valid = true;
        foreach (var keyword in _strings)
        {
            if (!keyword.Evaluate(text.Chars, ref context))
            {
                valid = false;
                if (context.Done)
                {
                    break;
                }
            }
        }

        return valid;
    }
}

/// <summary>The keywords of one node while it is being compiled, by the instance type they apply to.</summary>
internal sealed class NodeKeywords
{
    public List<Keyword> Any { get; } = [];

    public List<Keyword> Numbers { get; } = [];

    public List<StringKeyword> Strings { get; } = [];

    public List<Keyword> Arrays { get; } = [];

    public List<Keyword> Objects { get; } = [];

    /// <summary>Subschemas applied to the same instance location ($ref, allOf, anyOf, oneOf, not, if/then/else, dependencies).</summary>
    public List<(SchemaNode Target, string Path)> SameLocation { get; } = [];
}
