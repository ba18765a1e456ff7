using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// AWS_PROXY integrations need a <c>functionName</c> of letters, digits, <c>-</c> and <c>_</c>, possibly with
/// <c>${stageVariables.name}</c> references (whose form <see cref="StageVariableReferenceRule"/> checks).
/// </summary>
internal sealed class FunctionNameRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.KnownType != IntegrationType.AwsProxy)
            {
                continue;
            }

            if (integration.FunctionName is not { } name)
            {
                if (!integration.Invalid.Contains(P.FunctionName))
                {
                    errors.Add(integration.ErrorAt(P.FunctionName, "functionName is required for AWS_PROXY integrations"));
                }
            }
            else if (name.Length == 0 || !DefinitionPatterns.FunctionNameCharacters().IsMatch(DefinitionPatterns.AnyReference().Replace(name, "")))
            {
                errors.Add(integration.ErrorAt(P.FunctionName,
                    $"functionName must be letters, digits, '-', '_' and ${{stageVariables.name}} references; got '{name}'"));
            }
        }
    }
}
