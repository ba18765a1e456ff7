using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;
using Platform.Definitions.Routing;

namespace Platform.Definitions.Rules;

/// <summary>
/// Each <c>{name}</c> in an HTTP_PROXY <c>integrationUri</c> is filled from a path parameter, so it must be a
/// path parameter of every route that uses the integration (<c>{proxy}</c> for a <c>{proxy+}</c> segment);
/// otherwise some requests would reach the backend with a literal <c>{name}</c> in the URL.
/// </summary>
internal sealed class UriPlaceholderRule : IDefinitionRule
{
    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            foreach (var integration in api.Integrations)
            {
                if (integration.KnownType != IntegrationType.HttpProxy || integration.IntegrationUri is not { } uri)
                {
                    continue;
                }

                if (!TryReadPlaceholders(uri, out var placeholders))
                {
                    errors.Add(integration.ErrorAt(P.IntegrationUri, $"integrationUri has a '{{' without a closing '}}': '{uri}'"));
                    continue;
                }

                foreach (var route in api.Routes.Where(r => r.Integration == integration.Name))
                {
                    if (!api.TryParseRouteKey(route, out var key, out _))
                    {
                        continue;
                    }

                    var parameters = key.Segments.Where(static s => s.Kind != RouteSegmentKind.Literal).Select(static s => s.Value).ToHashSet(StringComparer.Ordinal);
                    foreach (var name in placeholders.Where(p => !parameters.Contains(p)))
                    {
                        errors.Add(integration.ErrorAt(P.IntegrationUri,
                            $"placeholder '{{{name}}}' is not a path parameter of route '{route.RouteKey}', which uses this integration"));
                    }
                }
            }
        }
    }

    /// <summary>The distinct <c>{name}</c> placeholders in order, skipping <c>${...}</c> stage variable references.</summary>
    private static bool TryReadPlaceholders(string uri, out List<string> placeholders)
    {
        placeholders = [];
        for (var i = 0; i < uri.Length; i++)
        {
            if (uri[i] != '{')
            {
                continue;
            }

            var close = uri.IndexOf('}', i);
            if (close < 0)
            {
                return false;
            }

            if (i == 0 || uri[i - 1] != '$')
            {
                var name = uri[(i + 1)..close];
                if (!placeholders.Contains(name))
                {
                    placeholders.Add(name);
                }
            }

            i = close;
        }

        return true;
    }
}
