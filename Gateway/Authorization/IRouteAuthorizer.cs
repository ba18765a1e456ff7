using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Authorization;

/// <summary>
/// Authorizes one request for one route with one of the API's authorizers. On success it sets
/// <see cref="GatewayRequestFeature.Authorizer"/> and returns null; otherwise it returns the gateway error to answer
/// (401/403/500 as AWS-REFERENCE §3 and §5 give them).
/// </summary>
public interface IRouteAuthorizer
{
    /// <summary>True for the authorizer types this implementation serves.</summary>
    bool Serves(AuthorizerType type);

    ValueTask<GatewayError?> AuthorizeAsync(
        HttpContext context, GatewayRequestFeature request, AuthorizerDefinition authorizer, RouteDefinition route);
}
