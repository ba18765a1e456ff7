using Platform.Definitions.Waf;

namespace Platform.Gateway.Waf;

/// <summary>
/// What the stage's web ACL decided about a request, kept on the request (<c>GatewayRequestFeature.Waf</c>) for the
/// access log's <c>$context.waf.*</c> variables.
/// </summary>
public sealed class WafOutcome
{
    public required string Acl { get; init; }

    public required string Arn { get; init; }

    public required bool Blocked { get; init; }

    /// <summary>BLOCK when blocked; COUNT when allowed with COUNT rules matching; ALLOW otherwise.</summary>
    public required string Action { get; init; }

    /// <summary>The rule that decided, or <c>Default_Action</c>.</summary>
    public required string TerminatingRule { get; init; }

    /// <summary>Every rule that matched, in evaluation order, COUNT rules included.</summary>
    public required IReadOnlyList<string> MatchedRules { get; init; }

    /// <summary>The WAF's own status: 200 when allowed, the block's status (403 unless customised) when blocked.</summary>
    public required int Status { get; init; }

    public required TimeSpan Latency { get; init; }

    /// <summary><c>$context.wafResponseCode</c>: <c>WAF_ALLOW</c> or <c>WAF_BLOCK</c>, as API Gateway logs it.</summary>
    public string ResponseCode => Blocked ? "WAF_BLOCK" : "WAF_ALLOW";

    internal static string ActionOf(bool blocked, bool counted) => blocked ? WafNames.NameOf(WafAction.Block) : counted ? WafNames.NameOf(WafAction.Count) : WafNames.NameOf(WafAction.Allow);
}
