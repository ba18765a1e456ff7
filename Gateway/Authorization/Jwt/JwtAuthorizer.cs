using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Responses;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.ServiceDefaults.Tokens;

namespace Platform.Gateway.Authorization.Jwt;

/// <summary>
/// API Gateway's JWT authorizer (AWS-REFERENCE §5.1, §3): reads the token from the authorizer's identity source
/// (a bare token or <c>Bearer &lt;token&gt;</c>), validates it with the shared <see cref="JwtValidator"/>, then
/// requires one of the route's <c>authorizationScopes</c>. Answers as AWS does:
/// <list type="bullet">
/// <item>no token: 401 <c>{"message":"Unauthorized"}</c>;</item>
/// <item>an invalid token: 401 with <c>www-authenticate: Bearer scope="" error="invalid_token" error_description="..."</c>;</item>
/// <item>the issuer's keys unreachable and none cached: 401 the same way (AWS does not answer 5XX here), and a warning;</item>
/// <item>a valid token without any required scope: 403 with <c>error="insufficient_scope"</c>.</item>
/// </list>
/// On success the caller's claims and scopes go to <see cref="GatewayRequestFeature.Authorizer"/>.
/// </summary>
internal sealed partial class JwtAuthorizer(JwtValidator validator, ILogger<JwtAuthorizer> logger) : IRouteAuthorizer
{
    // One parameter set per configuration object: the validator's token cache is keyed by it, and a reloaded
    // definition (new objects) starts a fresh one without keeping the old alive.
    private readonly ConditionalWeakTable<JwtConfiguration, JwtValidationParameters> _parameters = [];

    public bool Serves(AuthorizerType type) => type == AuthorizerType.Jwt;

    public async ValueTask<GatewayError?> AuthorizeAsync(
        HttpContext context, GatewayRequestFeature request, AuthorizerDefinition authorizer, RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(route);

        if (authorizer.Jwt is not { } jwt)
        {
            return Misconfigured(authorizer, "it has no jwtConfiguration");
        }

        if (!TryGetParameters(jwt, out var parameters, out var problem))
        {
            return Misconfigured(authorizer, problem);
        }

        var source = authorizer.IdentitySources.Count > 0 ? authorizer.IdentitySources[0] : IdentitySource.AuthorizationHeader;
        if (BearerToken.From(IdentitySources.Read(context, request, source)) is not { } token)
        {
            return new GatewayError(GatewayResponseType.Unauthorized, Detail: $"no token in {source.Text}");
        }

        var started = Stopwatch.GetTimestamp();
        var result = await validator.ValidateAsync(token, parameters, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (result.Failure == JwtFailure.KeysUnavailable)
            {
                Log.KeysUnavailable(logger, authorizer.Name, jwt.Issuer, request.RequestId);
            }

            return new GatewayError(GatewayResponseType.Unauthorized,
                Detail: $"{result.Failure}: {result.Description}",
                Headers: [new("www-authenticate", JwtChallenge.InvalidToken(result.Description))]);
        }

        var granted = result.Token;
        if (route.AuthorizationScopes.Count > 0 && !HasAnyScope(granted.Scopes, route.AuthorizationScopes))
        {
            return new GatewayError(GatewayResponseType.AccessDenied,
                Detail: $"the token has none of the scopes of route '{route.Key.Text}'",
                Headers: [new("www-authenticate", JwtChallenge.InsufficientScope(route.AuthorizationScopes))]);
        }

        request.Authorizer = new AuthorizerResult
        {
            Kind = AuthorizerKind.Jwt,
            PrincipalId = granted.Subject,
            Claims = granted.Claims,
            Scopes = granted.Scopes,
            CacheHit = result.FromCache,
            Latency = Stopwatch.GetElapsedTime(started),
        };
        return null;
    }

    private static GatewayError Misconfigured(AuthorizerDefinition authorizer, string problem) =>
        new(GatewayResponseType.AuthorizerConfigurationError, Detail: $"JWT authorizer '{authorizer.Name}' is misconfigured: {problem}");

    private bool TryGetParameters(JwtConfiguration jwt, out JwtValidationParameters parameters, [NotNullWhen(false)] out string? problem)
    {
        if (_parameters.TryGetValue(jwt, out parameters!))
        {
            problem = null;
            return true;
        }

        try
        {
            parameters = _parameters.GetValue(jwt, static jwt => new JwtValidationParameters(
                jwt.Issuer,
                jwt.Audience,
                jwt.JwksUri is { } jwks ? new Uri(jwks, UriKind.Absolute) : null,
                jwt.SharedSecrets,
                TimeSpan.FromSeconds(jwt.ClockSkewSeconds)));
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            // The definition rules refuse such settings; a snapshot built in code could still carry them.
            problem = ex.Message;
            return false;
        }
    }

    private static bool HasAnyScope(IReadOnlyList<string>? granted, IReadOnlyList<string> required)
    {
        if (granted is null)
        {
            return false;
        }

        foreach (var scope in required)
        {
            if (granted.Contains(scope, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "JWT authorizer {Authorizer} has no signing keys of issuer {Issuer} (unreachable, and none cached): request {RequestId} answered 401.")]
        public static partial void KeysUnavailable(ILogger logger, string authorizer, string issuer, string requestId);
    }
}
