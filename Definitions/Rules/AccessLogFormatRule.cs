using Platform.Definitions.Drafts;
using Platform.Definitions.Templates;

namespace Platform.Definitions.Rules;

/// <summary>An access-log format uses only known <c>$context</c> variables, so a typo fails the load instead of logging <c>-</c> forever.</summary>
internal sealed class AccessLogFormatRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var stage in definition.Apis.SelectMany(static a => a.Stages))
        {
            if (stage.AccessLogFormat is { } format && !ContextTemplate.TryParse(format, out _, out var error))
            {
                errors.Add(new DefinitionError(stage.File, stage.AccessLogFormatKey, error));
            }
        }
    }
}
