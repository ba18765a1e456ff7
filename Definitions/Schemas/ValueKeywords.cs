using System.Text;
using System.Text.Json;

namespace Platform.Definitions.Schemas;

/// <summary>
/// <c>enum</c> and <c>const</c>: the instance must equal one of the values (JSON equality, see <see cref="JsonEquality"/>).
/// String values are also kept as UTF-8 so a string instance is compared in place, without decoding it.
/// </summary>
internal sealed class EnumKeyword : Keyword
{
    private readonly JsonElement[] _values;
    private readonly byte[][] _strings;
    private readonly bool _onlyStrings;
    private readonly string _message;

    public EnumKeyword(IReadOnlyList<JsonElement> values, bool isConst)
    {
        _values = [.. values.Select(value => value.Clone())];
        _strings = [.. values.Where(value => value.ValueKind == JsonValueKind.String).Select(value => Encoding.UTF8.GetBytes(value.GetString()!))];
        _onlyStrings = _strings.Length == _values.Length;
        _message = isConst ? "must be equal to constant" : "must be equal to one of the allowed values";
    }

    public override bool Evaluate(JsonElement instance, ref ValidationContext context)
    {
        if (Contains(instance))
        {
            return true;
        }

        context.Report(_message);
        return false;
    }

    private bool Contains(JsonElement instance)
    {
        if (instance.ValueKind == JsonValueKind.String)
        {
            foreach (var value in _strings)
            {
                if (instance.ValueEquals(value))
                {
                    return true;
                }
            }

            return false;
        }

        if (_onlyStrings)
        {
            return false;
        }

        foreach (var value in _values)
        {
            if (JsonEquality.Equal(instance, value))
            {
                return true;
            }
        }

        return false;
    }
}
