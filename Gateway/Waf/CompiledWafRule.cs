using Platform.Definitions.Waf;
using Platform.Gateway.Waf.Matching;

namespace Platform.Gateway.Waf;

/// <summary>A rule ready to evaluate: its matcher, and its action with the name metrics and logs write.</summary>
internal sealed record CompiledWafRule(string Name, WafAction Action, WafMatcher Matcher)
{
    public string ActionName { get; } = WafNames.NameOf(Action);
}
