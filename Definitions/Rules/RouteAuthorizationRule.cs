using Platform.Definitions.Authorization;
using Platform.Definitions.Drafts;
using P = Platform.Definitions.Drafts.DefinitionProperties;

namespace Platform.Definitions.Rules;

/// <summary>
/// A route's access settings: a known <c>authorizationType</c>; <c>JWT</c> and <c>CUSTOM</c> name an authorizer of
/// the API of the matching kind, <c>NONE</c> and <c>AWS_IAM</c> none; <c>authorizationScopes</c> (at most 10, JWT
/// routes only); WebSocket APIs authorize and check API keys on <c>$connect</c> only; <c>apiKeySource</c> is
/// HEADER or AUTHORIZER.
/// </summary>
internal sealed class RouteAuthorizationRule : IDefinitionRule
{
    public const int MaxScopes = 10;

    public void Check(DefinitionDraft definition, ICollection<DefinitionError> errors)
    {
        foreach (var api in definition.Apis)
        {
            if (api.ApiKeySource is { } source && !AuthorizationNames.TryParseApiKeySource(source, out _))
            {
                errors.Add(api.ErrorAt(P.ApiKeySource, $"apiKeySource must be HEADER or AUTHORIZER, not '{source}'"));
            }

            foreach (var route in api.Routes)
            {
                Check(api, route, errors);
            }
        }
    }

    private static void Check(ApiDraft api, RouteDraft route, ICollection<DefinitionError> errors)
    {
        var connect = route.RouteKey == "$connect";
        if (api.IsWebSocket && !connect)
        {
            foreach (var property in new[] { P.AuthorizationType, P.AuthorizerId, P.AuthorizationScopes, P.ApiKeyRequired })
            {
                if (route.Has(property))
                {
                    errors.Add(route.ErrorAt(property, $"a WebSocket API checks {property} on $connect only: a connection is authorized once, when it opens"));
                }
            }

            return;
        }

        var type = AuthorizationType.None;
        if (route.AuthorizationType is { } text && !AuthorizationNames.TryParseAuthorizationType(text, out type))
        {
            errors.Add(route.ErrorAt(P.AuthorizationType, $"unknown authorizationType '{text}'; expected NONE, JWT, CUSTOM or AWS_IAM"));
            return;
        }

        if (api.IsWebSocket && type == AuthorizationType.Jwt)
        {
            errors.Add(route.ErrorAt(P.AuthorizationType, "WebSocket APIs authorize $connect with CUSTOM (a REQUEST authorizer) or AWS_IAM, not JWT"));
        }

        if (type is AuthorizationType.Jwt or AuthorizationType.Custom)
        {
            if (route.AuthorizerId is not { } id)
            {
                if (!route.Invalid.Contains(P.AuthorizerId))
                {
                    errors.Add(route.ErrorAt(P.AuthorizerId, $"authorizerId is required with authorizationType {route.AuthorizationType}: the name of one of the API's authorizers"));
                }
            }
            else if (api.FindAuthorizer(id) is not { } authorizer)
            {
                var declared = api.Authorizers.Count == 0 ? "none" : string.Join(", ", api.Authorizers.Select(static a => a.Name));
                errors.Add(route.ErrorAt(P.AuthorizerId, $"unknown authorizer '{id}'; the API declares: {declared}"));
            }
            else if (AuthorizationNames.TryParseAuthorizerType(authorizer.AuthorizerType, out var kind)
                && (type == AuthorizationType.Jwt) != (kind == AuthorizerType.Jwt))
            {
                errors.Add(route.ErrorAt(P.AuthorizerId,
                    $"authorizer '{id}' is a {authorizer.AuthorizerType} authorizer; authorizationType {route.AuthorizationType} needs a {(type == AuthorizationType.Jwt ? "JWT" : "REQUEST or TOKEN")} one"));
            }
        }
        else if (route.AuthorizerId is not null)
        {
            errors.Add(route.ErrorAt(P.AuthorizerId, $"authorizerId needs authorizationType JWT or CUSTOM, not {route.AuthorizationType ?? "NONE (the default)"}"));
        }

        if (route.AuthorizationScopes is { } scopes)
        {
            if (type != AuthorizationType.Jwt)
            {
                errors.Add(route.ErrorAt(P.AuthorizationScopes, "authorizationScopes apply to JWT routes only"));
            }

            if (scopes.Count > MaxScopes)
            {
                errors.Add(route.ErrorAt(P.AuthorizationScopes, $"at most {MaxScopes} authorizationScopes per route; got {scopes.Count}"));
            }

            foreach (var scope in scopes.Where(static s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
            {
                errors.Add(route.ErrorAt(P.AuthorizationScopes, $"scope '{scope}' must be non-empty and contain no spaces"));
            }
        }
    }
}
