using System.Runtime.InteropServices;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>Which side of a limit a number must be on.</summary>
internal enum LimitKind
{
    Minimum,
    ExclusiveMinimum,
    Maximum,
    ExclusiveMaximum,
}

/// <summary>
/// minimum / maximum / exclusiveMinimum / exclusiveMaximum (draft-04's boolean exclusive flags are folded in at
/// compile time). Compared exactly: the limit keeps its literal, so 9007199254740993 is above 9007199254740992.
/// </summary>
internal sealed class NumberLimitKeyword : Keyword
{
    private readonly LimitKind _kind;
    private readonly byte[] _limit;
    private readonly double _limitValue;
    private readonly string _message;

    public NumberLimitKeyword(LimitKind kind, JsonElement limit)
    {
        _kind = kind;
        _limit = JsonMarshal.GetRawUtf8Value(limit).ToArray();
        _limitValue = limit.GetDouble();
        var comparison = kind switch
        {
            LimitKind.Minimum => ">=",
            LimitKind.ExclusiveMinimum => ">",
            LimitKind.Maximum => "<=",
            _ => "<",
        };
        _message = $"must be {comparison} {JsNumberFormat.Format(_limitValue)}";
    }

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        var order = JsonNumberText.Compare(instance, _limit, _limitValue);
        var valid = _kind switch
        {
            LimitKind.Minimum => order >= 0,
            LimitKind.ExclusiveMinimum => order > 0,
            LimitKind.Maximum => order <= 0,
            _ => order < 0,
        };
        if (!valid)
        {
            context.Report(_message);
        }

        return valid;
    }
}

/// <summary>
/// multipleOf, exact: in decimal when both numbers fit one (0.3 is a multiple of 0.1 here; ajv divides doubles and
/// says no), with big integers otherwise (1e400 is a multiple of 2), in doubles only for absurd scales.
/// </summary>
internal sealed class MultipleOfKeyword : Keyword
{
    private readonly byte[] _divisor;
    private readonly double _divisorValue;
    private readonly string _message;

    public MultipleOfKeyword(JsonElement divisor)
    {
        _divisor = JsonMarshal.GetRawUtf8Value(divisor).ToArray();
        _divisorValue = divisor.GetDouble();
        _message = $"must be multiple of {JsNumberFormat.Format(_divisorValue)}";
    }

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        if (IsMultiple(instance))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }

    private bool IsMultiple(JsonElement instance)
    {
        var value = new JsonNumberText(JsonMarshal.GetRawUtf8Value(instance));
        if (value.IsZero)
        {
            return true;
        }

        var divisor = new JsonNumberText(_divisor);
        if (value.TryGetDecimal(out var dividend) && divisor.TryGetDecimal(out var by))
        {
            return dividend % by == 0m;
        }

        // Rare (over 28 digits, or tiny/huge exponents): exact with big integers, allocating; doubles only beyond that.
        var multiple = JsonNumberText.IsMultiple(value, divisor, out var exact);
        if (exact)
        {
            return multiple;
        }

        var quotient = instance.GetDouble() / _divisorValue;
        return double.IsFinite(quotient) && Math.Floor(quotient) == quotient;
    }
}
