using Platform.Definitions.Waf;

namespace Platform.Definitions.Drafts;

/// <summary>An IP set as read from <c>ipSets.{name}</c>; <see cref="Definition"/> is null when it had errors (already reported).</summary>
internal sealed record IpSetDraft : DraftObject
{
    public required string Name { get; init; }

    public IpSetDefinition? Definition { get; init; }
}
