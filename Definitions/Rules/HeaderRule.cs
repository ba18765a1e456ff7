using Platform.Definitions.Drafts;
using Platform.Definitions.Loading;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// Headers of MOCK responses and gateway responses are valid HTTP: a name is a token (RFC 9110 §5.6.2) and a
/// value has no control characters. Kestrel would otherwise reject them on the first request, not at startup.
/// </summary>
internal sealed class HeaderRule : IDefinitionRule
{
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var integration in definition.Apis.SelectMany(static a => a.Integrations))
        {
            if (integration.MockResponse is { } mock)
            {
                CheckHeaders(mock, mock.Headers, errors);
            }
        }

        foreach (var response in definition.Apis.SelectMany(static a => a.GatewayResponses))
        {
            CheckHeaders(response, response.Headers, errors);
        }
    }

    private static void CheckHeaders(DraftObject owner, IReadOnlyDictionary<string, string> headers, ICollection<DefinitionError> errors)
    {
        foreach (var (name, value) in headers)
        {
            var key = JsonPath.Property(owner.KeyOf(P.Headers), name);
            if (name.Length == 0 || !name.All(static c => char.IsAsciiLetterOrDigit(c) || TokenSymbols.Contains(c, StringComparison.Ordinal)))
            {
                errors.Add(new DefinitionError(owner.File, key, $"header name '{name}' must be letters, digits or {TokenSymbols}"));
            }

            // Tab is allowed inside a value (RFC 9110 §5.5); every other control character is not.
            if (value.Any(static c => (char.IsControl(c) && c != '\t') || c > '\u00ff'))
            {
                errors.Add(new DefinitionError(owner.File, key, "header value must not contain control characters or characters beyond Latin-1"));
            }
        }
    }
}
