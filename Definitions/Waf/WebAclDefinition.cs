namespace Platform.Definitions.Waf;

/// <summary>
/// A web ACL (<c>webAcls.{name}</c>), attached to stages by <see cref="StageDefinition.WebAcl"/>: rules evaluated in
/// priority order, the first matching <c>ALLOW</c> or <c>BLOCK</c> deciding, <see cref="DefaultAction"/> when none does.
/// </summary>
public sealed record WebAclDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary><see cref="WafAction.Allow"/> or <see cref="WafAction.Block"/>: what happens when no rule terminates.</summary>
    public WafAction DefaultAction { get; init; } = WafAction.Allow;

    /// <summary>Where a request's country comes from, for <see cref="GeoMatchStatement"/>; null when the ACL has no geo rule.</summary>
    public GeoSource? Geo { get; init; }

    /// <summary>The rules, sorted by <see cref="WafRuleDefinition.Priority"/> (lowest first).</summary>
    public IReadOnlyList<WafRuleDefinition> Rules { get; init; } = [];

    /// <summary>The ACL's own answer to a blocked request; null answers through the API's <c>WAF_FILTERED</c> gateway response.</summary>
    public WafBlockResponse? BlockResponse { get; init; }
}
