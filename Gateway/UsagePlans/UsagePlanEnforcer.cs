#pragma warning disable CA1822 // placeholder until the implementation lands
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.UsagePlans;

/// <summary>API keys and usage plans for routes with <c>apiKeyRequired</c> (owned by the usage-plan work).</summary>
internal sealed class UsagePlanEnforcer
{
    public ValueTask<GatewayError?> EnforceAsync(HttpContext context, GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult<GatewayError?>(new GatewayError(Definitions.Responses.GatewayResponseType.InvalidApiKey, Detail: "usage plans are not wired yet"));
    }
}
