using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// The WAF's names across files: an IP set and a web ACL are declared once, every <c>ipSet</c> statement names a
/// declared IP set, and a stage's <c>webAcl</c> names a declared web ACL. (Each ACL's own contents were checked as it
/// was read, by <see cref="Loading.WebAclReader"/>.)
/// </summary>
internal sealed class WebAclRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        ReportDuplicates(definition.IpSets, static s => s.Name, "IP set", errors);
        ReportDuplicates(definition.WebAcls, static a => a.Name, "web ACL", errors);

        var ipSets = definition.IpSets.Select(static s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var acl in definition.WebAcls)
        {
            foreach (var (name, key) in acl.IpSetReferences.Where(r => !ipSets.Contains(r.IpSet)))
            {
                errors.Add(new DefinitionError(acl.File, key, $"unknown IP set '{name}'; declared IP sets: {List(ipSets)}"));
            }
        }

        var acls = definition.WebAcls.Select(static a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stage in definition.Apis.SelectMany(static a => a.Stages))
        {
            if (stage.WebAcl is { } name && !acls.Contains(name))
            {
                errors.Add(stage.ErrorAt(P.WebAcl, $"unknown web ACL '{name}'; declared web ACLs: {List(acls)}"));
            }
        }
    }

    private static string List(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";

    private static void ReportDuplicates<T>(IReadOnlyList<T> drafts, Func<T, string> nameOf, string what, ICollection<DefinitionError> errors)
        where T : DraftObject
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (!first.TryAdd(nameOf(draft), draft))
            {
                var earlier = first[nameOf(draft)];
                errors.Add(draft.Error($"{what} '{nameOf(draft)}' is already declared in {earlier.File} ({earlier.Key})"));
            }
        }
    }
}
