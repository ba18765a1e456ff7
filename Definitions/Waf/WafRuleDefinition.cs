namespace Platform.Definitions.Waf;

/// <summary>One rule of a web ACL: a statement, and what to do when it matches.</summary>
public sealed record WafRuleDefinition
{
    public required string Name { get; init; }

    /// <summary>Evaluation order, lowest first; unique within the ACL.</summary>
    public required int Priority { get; init; }

    public required WafAction Action { get; init; }

    public required WafStatement Statement { get; init; }
}
