using Platform.Definitions.Drafts;

namespace Platform.Definitions.Rules;

/// <summary>
/// One check of the merged definitions. A rule reports every violation it finds and never stops at the first,
/// so one load lists every problem; it skips values whose property had the wrong type (already reported).
/// </summary>
internal interface IDefinitionRule
{
    void Check(DefinitionDraft definition, ICollection<DefinitionError> errors);
}
