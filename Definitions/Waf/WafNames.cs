using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Waf;

/// <summary>The file format's names of the WAF enumerations (AWS WAF's, upper case): <c>BLOCK</c>, <c>CONTAINS_WORD</c>, <c>GT</c>, ...</summary>
public static class WafNames
{
    public static readonly IReadOnlyDictionary<string, WafAction> Actions = new Dictionary<string, WafAction>(StringComparer.Ordinal)
    {
        ["ALLOW"] = WafAction.Allow,
        ["BLOCK"] = WafAction.Block,
        ["COUNT"] = WafAction.Count,
    };

    public static readonly IReadOnlyDictionary<string, OversizeHandling> OversizeHandlings = new Dictionary<string, OversizeHandling>(StringComparer.Ordinal)
    {
        ["CONTINUE"] = OversizeHandling.Continue,
        ["MATCH"] = OversizeHandling.Match,
        ["NO_MATCH"] = OversizeHandling.NoMatch,
    };

    public static readonly IReadOnlyDictionary<string, PositionalConstraint> PositionalConstraints = new Dictionary<string, PositionalConstraint>(StringComparer.Ordinal)
    {
        ["EXACTLY"] = PositionalConstraint.Exactly,
        ["STARTS_WITH"] = PositionalConstraint.StartsWith,
        ["ENDS_WITH"] = PositionalConstraint.EndsWith,
        ["CONTAINS"] = PositionalConstraint.Contains,
        ["CONTAINS_WORD"] = PositionalConstraint.ContainsWord,
    };

    public static readonly IReadOnlyDictionary<string, ComparisonOperator> ComparisonOperators = new Dictionary<string, ComparisonOperator>(StringComparer.Ordinal)
    {
        ["EQ"] = ComparisonOperator.Eq,
        ["NE"] = ComparisonOperator.Ne,
        ["LE"] = ComparisonOperator.Le,
        ["LT"] = ComparisonOperator.Lt,
        ["GE"] = ComparisonOperator.Ge,
        ["GT"] = ComparisonOperator.Gt,
    };

    public static readonly IReadOnlyDictionary<string, TextTransformation> TextTransformations = new Dictionary<string, TextTransformation>(StringComparer.Ordinal)
    {
        ["URL_DECODE"] = TextTransformation.UrlDecode,
        ["HTML_ENTITY_DECODE"] = TextTransformation.HtmlEntityDecode,
        ["LOWERCASE"] = TextTransformation.Lowercase,
        ["COMPRESS_WHITE_SPACE"] = TextTransformation.CompressWhiteSpace,
    };

    /// <summary><c>ALLOW</c>, <c>BLOCK</c> or <c>COUNT</c>, as metrics and access logs write the action.</summary>
    public static string NameOf(WafAction action) => action switch
    {
        WafAction.Allow => "ALLOW",
        WafAction.Block => "BLOCK",
        _ => "COUNT",
    };

    public static bool TryParse<T>(IReadOnlyDictionary<string, T> names, string? text, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (text is not null && names.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
