using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations;

/// <summary>
/// Serves a matched route through one integration type. A handler either writes the response itself and returns
/// null, or returns the <see cref="GatewayError"/> the pipeline answers from the gateway-response table (only
/// while the response has not started). It records <see cref="GatewayRequestFeature.IntegrationStatus"/>,
/// <see cref="GatewayRequestFeature.IntegrationLatency"/> and, on failure,
/// <see cref="GatewayRequestFeature.IntegrationErrorMessage"/>; it sets
/// <see cref="GatewayRequestFeature.ClientAborted"/> when the client went away.
/// </summary>
public interface IIntegrationHandler
{
    IntegrationType Type { get; }

    ValueTask<GatewayError?> InvokeAsync(HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration);
}
