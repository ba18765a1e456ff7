using System.Globalization;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// Item schemas: positional ones (draft-04 array-form <c>items</c>, 2020-12 <c>prefixItems</c>) then one for the rest
/// (<c>additionalItems</c> / 2020-12 <c>items</c>). A rest of <c>false</c> after positional schemas is one violation on
/// the array ("must NOT have more than 2 items"), as ajv reports it.
/// </summary>
internal sealed class ItemsKeyword(SchemaNode[] positional, SchemaNode? rest, bool restForbidden) : Keyword
{
    private readonly string _tooMany = string.Create(CultureInfo.InvariantCulture, $"must NOT have more than {positional.Length} items");

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            var schema = index < positional.Length ? positional[index] : rest;
            if (schema is null)
            {
                if (!restForbidden)
                {
                    break;
                }

                context.Report(_tooMany);
                return false;
            }

            if (!context.Enter(index))
            {
                return false;
            }

            var itemValid = schema.Evaluate(item, ref context);
            context.Pop();
            index++;
            if (!itemValid)
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

/// <summary>minItems / maxItems.</summary>
internal sealed class ItemCountKeyword(long limit, bool isMaximum) : Keyword
{
    private readonly string _message = string.Create(
        CultureInfo.InvariantCulture, $"must NOT have {(isMaximum ? "more" : "fewer")} than {limit} items");

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var count = instance.GetArrayLength();
        if (isMaximum ? count <= limit : count >= limit)
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}

/// <summary>
/// <c>contains</c> (with 2020-12's <c>minContains</c>/<c>maxContains</c>): items are probed silently and counted; a
/// shortfall is one violation on the array.
/// </summary>
internal sealed class ContainsKeyword(SchemaNode schema, long minimum, long? maximum) : Keyword
{
    private readonly string _message = maximum is null
        ? string.Create(CultureInfo.InvariantCulture, $"must contain at least {minimum} valid item(s)")
        : string.Create(CultureInfo.InvariantCulture, $"must contain at least {minimum} and no more than {maximum} valid item(s)");

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        long count = 0;
        context.Silence();
        foreach (var item in instance.EnumerateArray())
        {
            if (schema.Evaluate(item, ref context) && ++count >= minimum && maximum is null)
            {
                break;
            }

            if (count > maximum)
            {
                break;
            }
        }

        context.Unsilence();
        if (count >= minimum && (maximum is null || count <= maximum))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }
}
