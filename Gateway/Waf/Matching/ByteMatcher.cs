using System.Buffers;
using Platform.Definitions.Waf;

namespace Platform.Gateway.Waf.Matching;

/// <summary><c>byteMatch</c>: the field, after its transformations, holds the search string where the positional constraint says.</summary>
internal sealed class ByteMatcher : WafMatcher
{
    private readonly ByteMatchStatement _statement;
    private readonly TextTransforms _transforms;
    private readonly StringComparison _comparison;
    private readonly WafRequest.ValueTest<ByteMatcher> _test = static (value, matcher) => matcher.Test(value);

    public ByteMatcher(ByteMatchStatement statement)
    {
        _statement = statement;
        _transforms = new TextTransforms(statement.TextTransformations);
        _comparison = statement.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
    }

    public override bool ReadsBody => _statement.FieldToMatch.Kind == FieldToMatchKind.Body;

    public override bool Matches(WafRequest request) =>
        request.AnyValue(_statement.FieldToMatch, splitQuery: false, _statement.OversizeHandling, _test, this);

    private bool Test(ReadOnlySpan<char> value)
    {
        if (_transforms.IsEmpty)
        {
            return Find(value);
        }

        var buffer = _transforms.Apply(value, out var length);
        try
        {
            return Find(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private bool Find(ReadOnlySpan<char> value)
    {
        var search = _statement.SearchString.AsSpan();
        return _statement.PositionalConstraint switch
        {
            PositionalConstraint.Exactly => value.Equals(search, _comparison),
            PositionalConstraint.StartsWith => value.StartsWith(search, _comparison),
            PositionalConstraint.EndsWith => value.EndsWith(search, _comparison),
            PositionalConstraint.Contains => value.Contains(search, _comparison),
            _ => ContainsWord(value, search),
        };
    }

    /// <summary>The search string delimited by the value's ends or by characters other than letters, digits and <c>_</c>.</summary>
    private bool ContainsWord(ReadOnlySpan<char> value, ReadOnlySpan<char> search)
    {
        var from = 0;
        while (from <= value.Length - search.Length && value[from..].IndexOf(search, _comparison) is var offset and >= 0)
        {
            var start = from + offset;
            var end = start + search.Length;
            if ((start == 0 || !IsWordChar(value[start - 1])) && (end == value.Length || !IsWordChar(value[end])))
            {
                return true;
            }

            from = start + 1;
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
