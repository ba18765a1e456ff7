using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// Every <c>${...}</c> in an <c>integrationUri</c> or <c>functionName</c> is a well-formed
/// <c>${stageVariables.name}</c>; anything else would be sent to the backend literally.
/// </summary>
internal sealed class StageVariableReferenceRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            CheckValue(integration, P.IntegrationUri, integration.IntegrationUri, errors);
            CheckValue(integration, P.FunctionName, integration.FunctionName, errors);
        }
    }

    private static void CheckValue(IntegrationDraft integration, string property, string? value, ICollection<DefinitionError> errors)
    {
        if (value is null)
        {
            return;
        }

        foreach (var match in DefinitionPatterns.AnyReference().EnumerateMatches(value))
        {
            var reference = value.Substring(match.Index, match.Length);
            var closed = reference.EndsWith('}');
            var inner = reference[2..(closed ? ^1 : ^0)];
            if (!closed || !DefinitionPatterns.StageVariableReference().IsMatch(inner))
            {
                errors.Add(integration.ErrorAt(property,
                    $"'{reference}' is not a stage variable reference; write ${{stageVariables.name}} with a name of 1 to 64 letters, digits or '_'"));
            }
        }
    }
}
