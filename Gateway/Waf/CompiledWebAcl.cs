using Platform.Definitions;
using Platform.Definitions.Responses;
using Platform.Definitions.Waf;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Gateway.Waf.Matching;

namespace Platform.Gateway.Waf;

/// <summary>
/// A web ACL compiled for one definition snapshot: rules in priority order with their matchers, whether any reads the
/// body, the geo source, and how a block is answered. <see cref="Evaluate"/> runs the rules: the first matching
/// <c>ALLOW</c> or <c>BLOCK</c> decides, <c>COUNT</c> matches are recorded and evaluation goes on, and with no
/// decision the default action applies.
/// </summary>
public sealed class CompiledWebAcl
{
    private static readonly GatewayError Filtered = new(GatewayResponseType.WafFiltered);

    private readonly CompiledWafRule[] _rules;

    internal CompiledWebAcl(WebAclDefinition definition, IReadOnlyDictionary<string, AddressRanges> ipSets)
    {
        Name = definition.Name;
        Arn = $"arn:aws:wafv2:{ExecuteApiArn.Region}:{ContextVariables.AccountId}:regional/webacl/{definition.Name}/{definition.Name}";
        DefaultAction = definition.DefaultAction;
        Geo = definition.Geo;
        _rules = [.. definition.Rules.Select(r => new CompiledWafRule(r.Name, r.Action, WafMatcherCompiler.Compile(r.Statement, definition.Name, r.Name, ipSets)))];
        ReadsBody = _rules.Any(static r => r.Matcher.ReadsBody);
        var response = definition.BlockResponse is { } custom ? new CompiledBlockResponse(custom) : null;
        Block = new WafBlock(Filtered, response);
        BlockStatusCode = response?.StatusCode ?? 403;
    }

    public string Name { get; }

    /// <summary><c>$context.webaclArn</c>: AWS's ARN shape, with the ACL's name as its id.</summary>
    public string Arn { get; }

    internal WafAction DefaultAction { get; }

    internal GeoSource? Geo { get; }

    internal bool ReadsBody { get; }

    internal WafBlock Block { get; }

    /// <summary>The status a block answers with, unless an API customises <c>WAF_FILTERED</c>'s.</summary>
    internal int BlockStatusCode { get; }

    /// <summary>Compiles every web ACL of <paramref name="definition"/>, its IP sets compiled once and shared.</summary>
    internal static IReadOnlyDictionary<string, CompiledWebAcl> CompileAll(GatewayDefinition definition)
    {
        if (definition.WebAcls.Count == 0)
        {
            return new Dictionary<string, CompiledWebAcl>(StringComparer.Ordinal);
        }

        var ipSets = definition.IpSets.ToDictionary(static s => s.Key, static s => new AddressRanges(s.Value.Networks), StringComparer.Ordinal);
        return definition.WebAcls.ToDictionary(static a => a.Key, a => new CompiledWebAcl(a.Value, ipSets), StringComparer.Ordinal);
    }

    /// <summary>Runs the rules over <paramref name="request"/>; <paramref name="matched"/> gets every matching rule (created on the first).</summary>
    internal CompiledWafRule? Evaluate(WafRequest request, ref List<CompiledWafRule>? matched)
    {
        foreach (var rule in _rules)
        {
            if (!rule.Matcher.Matches(request))
            {
                continue;
            }

            (matched ??= []).Add(rule);
            if (rule.Action != WafAction.Count)
            {
                return rule;
            }
        }

        return null;
    }
}
