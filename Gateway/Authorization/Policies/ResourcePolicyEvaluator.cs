#pragma warning disable CA1822 // placeholder until the implementation lands
using Platform.Definitions.Policies;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Authorization.Policies;

/// <summary>Evaluates an API's resource policy for a request.</summary>
internal sealed class ResourcePolicyEvaluator
{
    public GatewayError? Evaluate(HttpContext context, GatewayRequestFeature request, ResourcePolicyDefinition policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        return null;
    }
}
