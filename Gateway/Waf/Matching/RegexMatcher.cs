using System.Buffers;
using System.Text.RegularExpressions;
using Platform.Definitions.Waf;

namespace Platform.Gateway.Waf.Matching;

/// <summary>
/// <c>regexMatch</c>: the field, after its transformations, matches the expression — compiled once per snapshot with
/// <see cref="RegexOptions.NonBacktracking"/>, so a request's time is linear in its size whatever the pattern.
/// </summary>
internal sealed class RegexMatcher : WafMatcher
{
    private readonly RegexMatchStatement _statement;
    private readonly Regex _regex;
    private readonly TextTransforms _transforms;
    private readonly WafRequest.ValueTest<RegexMatcher> _test = static (value, matcher) => matcher.Test(value);

    public RegexMatcher(RegexMatchStatement statement)
    {
        _statement = statement;
        _regex = new Regex(statement.Regex, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        _transforms = new TextTransforms(statement.TextTransformations);
    }

    public override bool ReadsBody => _statement.FieldToMatch.Kind == FieldToMatchKind.Body;

    public override bool Matches(WafRequest request) =>
        request.AnyValue(_statement.FieldToMatch, splitQuery: false, _statement.OversizeHandling, _test, this);

    private bool Test(ReadOnlySpan<char> value)
    {
        if (_transforms.IsEmpty)
        {
            return _regex.IsMatch(value);
        }

        var buffer = _transforms.Apply(value, out var length);
        try
        {
            return _regex.IsMatch(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
