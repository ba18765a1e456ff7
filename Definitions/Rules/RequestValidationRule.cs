using System.Text.RegularExpressions;
using Platform.Definitions.Drafts;
using Platform.Definitions.Routing;
using Platform.Definitions.Schemas;
using Platform.Definitions.Stages;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// Request validation (AWS-REFERENCE §3): <c>models</c> are JSON Schemas that compile (every schema error reported
/// with its pointer), named with letters and digits; routes name an existing <c>requestValidatorId</c> and existing
/// models by media type (<c>type/subtype</c> or <c>$default</c>); a validator that checks bodies needs the route
/// to have a model; <c>requestParameters</c> are <c>method.request.{querystring|header|path}.{name}</c> (path
/// parameters the route key declares); WebSocket APIs are validated by their integrations, not here.
/// </summary>
internal sealed partial class RequestValidationRule : IDefinitionRule
{
    public const string DefaultContentType = "$default";

    [GeneratedRegex(@"^[A-Za-z0-9]{1,128}\z")]
    private static partial Regex ModelName();

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+*-]+\z")]
    private static partial Regex MediaType();

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.IsWebSocket)
            {
                CheckWebSocket(api, errors);
                continue;
            }

            var models = new HashSet<string>(StringComparer.Ordinal);
            foreach (var model in api.Models)
            {
                if (!models.Add(model.Name))
                {
                    errors.Add(new DefinitionError(model.File, model.Key, $"model '{model.Name}' is declared twice"));
                }

                if (!ModelName().IsMatch(model.Name))
                {
                    errors.Add(new DefinitionError(model.File, model.Key, $"model name '{model.Name}' must be 1 to 128 letters and digits"));
                }

                if (JsonSchema.TryCompile(model.Schema, out var compiled, out var schemaErrors))
                {
                    model.Compiled = compiled;
                }
                else
                {
                    foreach (var error in schemaErrors)
                    {
                        var at = error.Path.Length == 0 ? "the schema" : $"schema {error.Path}";
                        errors.Add(new DefinitionError(model.File, model.Key, $"{at}: {error.Message}"));
                    }
                }
            }

            foreach (var route in api.Routes)
            {
                CheckRoute(api, route, models, errors);
            }
        }
    }

    private static void CheckRoute(ApiDraft api, RouteDraft route, HashSet<string> models, ICollection<DefinitionError> errors)
    {
        var validator = route.RequestValidatorId is { } id ? api.RequestValidators.FirstOrDefault(v => v.Name == id) : null;
        if (route.RequestValidatorId is { } name && validator is null)
        {
            errors.Add(route.ErrorAt(P.RequestValidatorId, $"requestValidatorId '{name}' is not a request validator of API '{api.Name}'"));
        }

        foreach (var (contentType, model) in route.RequestModels)
        {
            if (contentType != DefaultContentType && !MediaType().IsMatch(contentType))
            {
                errors.Add(route.ErrorAt(P.RequestModels, $"'{contentType}' must be a media type (type/subtype) or {DefaultContentType}"));
            }

            if (!models.Contains(model))
            {
                errors.Add(route.ErrorAt(P.RequestModels, $"model '{model}' (for {contentType}) is not a model of API '{api.Name}'"));
            }
        }

        if (validator?.ValidateRequestBody == true && route.RequestModels.Count == 0)
        {
            errors.Add(route.ErrorAt(P.RequestValidatorId,
                $"request validator '{validator.Name}' validates the body, but the route has no requestModels to validate it against"));
        }

        var pathParameters = RouteKey.TryParse(route.RouteKey, out var key, out _)
            ? key.Segments.Where(static s => s.Kind is RouteSegmentKind.Parameter or RouteSegmentKind.Greedy).Select(static s => s.Value).ToHashSet(StringComparer.Ordinal)
            : null;
        foreach (var text in route.RequestParameters.Keys)
        {
            if (!CacheKeyParameter.TryParse(text, out var parameter))
            {
                errors.Add(route.ErrorAt(P.RequestParameters,
                    $"'{text}' must be method.request.querystring.<name>, method.request.header.<name> or method.request.path.<name>"));
            }
            else if (parameter.Source == CacheKeyParameterSource.Path && pathParameters is not null && !pathParameters.Contains(parameter.Name))
            {
                errors.Add(route.ErrorAt(P.RequestParameters, $"'{text}' names path parameter '{parameter.Name}', which route '{route.RouteKey}' does not declare"));
            }
        }
    }

    private static void CheckWebSocket(ApiDraft api, ICollection<DefinitionError> errors)
    {
        const string Reason = "request validation applies to HTTP and REST APIs (a WebSocket integration validates its own messages)";
        if (api.Has(P.Models))
        {
            errors.Add(api.ErrorAt(P.Models, Reason));
        }

        if (api.Has(P.RequestValidators))
        {
            errors.Add(api.ErrorAt(P.RequestValidators, Reason));
        }

        foreach (var route in api.Routes)
        {
            foreach (var property in new[] { P.RequestValidatorId, P.RequestModels, P.RequestParameters })
            {
                if (route.Has(property))
                {
                    errors.Add(route.ErrorAt(property, Reason));
                }
            }
        }
    }
}
