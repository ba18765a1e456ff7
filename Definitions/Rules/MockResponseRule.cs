using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;
using Platform.Definitions.Templates;

namespace Platform.Definitions.Rules;

/// <summary>A MOCK integration needs a <c>mockResponse</c> with a status code 100..599 and a body whose <c>$context</c> variables exist.</summary>
internal sealed class MockResponseRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.KnownType != IntegrationType.Mock)
            {
                continue;
            }

            if (integration.MockResponse is not { } mock)
            {
                if (!integration.Has(P.MockResponse))
                {
                    errors.Add(integration.ErrorAt(P.MockResponse, "mockResponse is required for MOCK integrations"));
                }

                continue;
            }

            if (mock.StatusCode is null && !mock.Invalid.Contains(P.StatusCode))
            {
                errors.Add(mock.ErrorAt(P.StatusCode, $"statusCode is required: {DefinitionPatterns.MinStatusCode} to {DefinitionPatterns.MaxStatusCode}"));
            }
            else if (mock.StatusCode is { } status && !DefinitionPatterns.IsStatusCode(status))
            {
                errors.Add(mock.ErrorAt(P.StatusCode, $"statusCode must be {DefinitionPatterns.MinStatusCode} to {DefinitionPatterns.MaxStatusCode}; got {status}"));
            }

            if (mock.Body is { } body && !ContextTemplate.TryParse(body, out _, out var error))
            {
                errors.Add(mock.ErrorAt(P.Body, error));
            }
        }
    }
}
