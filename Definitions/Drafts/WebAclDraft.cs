using Platform.Definitions.Waf;

namespace Platform.Definitions.Drafts;

/// <summary>A web ACL as read from <c>webAcls.{name}</c>: its model when it read without errors, and the IP sets it names.</summary>
internal sealed record WebAclDraft : DraftObject
{
    public required string Name { get; init; }

    /// <summary>Null when the ACL itself had errors (already reported).</summary>
    public WebAclDefinition? Definition { get; init; }

    /// <summary>Every <c>ipSet</c> statement: the set's name and the statement's key, for the cross-file check.</summary>
    public IReadOnlyList<(string IpSet, string Key)> IpSetReferences { get; init; } = [];
}
