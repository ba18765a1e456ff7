using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary><c>$ref</c>: the referenced node, set once compilation has created it (it may be this node's ancestor).</summary>
internal sealed class RefKeyword(SchemaNode target) : Keyword
{
    public override bool Evaluate(JsonElement instance, ref ValidationContext context) => target.Evaluate(instance, ref context);
}

/// <summary><c>allOf</c>: every subschema, reporting all their violations (no violation of its own, as ajv).</summary>
internal sealed class AllOfKeyword(SchemaNode[] schemas) : Keyword
{
    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var valid = true;
        foreach (var schema in schemas)
        {
            if (!schema.Evaluate(instance, ref context))
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

/// <summary>
/// <c>anyOf</c> and <c>oneOf</c>: the branches are probed silently (each stops at its first failure) and a failure
/// is one violation at this instance path — the branches' own violations would mostly describe the branches the
/// client did not mean.
/// </summary>
internal sealed class ChoiceKeyword(SchemaNode[] schemas, bool exactlyOne) : Keyword
{
    private readonly string _message = exactlyOne ? "must match exactly one schema in oneOf" : "must match a schema in anyOf";

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var matches = 0;
        context.Silence();
        foreach (var schema in schemas)
        {
            if (schema.Evaluate(instance, ref context) && (++matches > 1 || !exactlyOne))
            {
                break;
            }
        }

        context.Unsilence();
        if (matches == 1 || (!exactlyOne && matches > 0))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}

/// <summary><c>not</c>: the subschema must fail.</summary>
internal sealed class NotKeyword(SchemaNode schema) : Keyword
{
    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        context.Silence();
        var matched = schema.Evaluate(instance, ref context);
        context.Unsilence();
        if (!matched)
        {
            return true;
        }

        context.Report("must NOT be valid");
        return false;
    }
}

/// <summary>
/// <c>if</c> / <c>then</c> / <c>else</c>: <c>if</c> is probed silently; the chosen branch reports its violations and,
/// as ajv, one more naming the branch (<c>must match "then" schema</c>).
/// </summary>
internal sealed class ConditionalKeyword(SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword
{
    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        context.Silence();
        var holds = condition.Evaluate(instance, ref context);
        context.Unsilence();
        var branch = holds ? then : otherwise;
        if (branch is null || branch.Evaluate(instance, ref context))
        {
            return true;
        }

        context.Report(holds ? "must match \"then\" schema" : "must match \"else\" schema");
        return false;
    }
}
