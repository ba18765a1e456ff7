using Platform.Definitions;
using Platform.Gateway.Responses;
using Platform.Gateway.Routing;
using Platform.Definitions.Routing;
using Platform.Definitions.Responses;

namespace Platform.Gateway.Runtime;

/// <summary>An API compiled for serving: its route table built once, its gateway responses resolved.</summary>
public sealed class CompiledApi
{
    public CompiledApi(ApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        // A WebSocket API's routes are chosen per message by the hub; the gateway only forwards its traffic.
        Routes = RouteTable.Build(definition.Protocol == ApiProtocol.WebSocket ? [] : definition.Routes);
        Responses = new GatewayResponseTable(definition.Protocol, definition.GatewayResponses);
        Cors = definition.Cors is { } cors ? new Cors.CorsPolicy(cors) : null;
        ConnectRoute = definition.Protocol == ApiProtocol.WebSocket
            ? definition.Routes.FirstOrDefault(static r => r.Key.Text == "$connect")
            : null;
    }

    /// <summary>The API's CORS handling, when it has a <c>corsConfiguration</c>.</summary>
    public Cors.CorsPolicy? Cors { get; }

    /// <summary>A WebSocket API's <c>$connect</c> route, whose authorization and API key settings the gateway enforces on handshakes.</summary>
    public RouteDefinition? ConnectRoute { get; }

    public ApiDefinition Definition { get; }

    public string Name => Definition.Name;

    public ApiProtocol Protocol => Definition.Protocol;

    public RouteTable Routes { get; }

    public GatewayResponseTable Responses { get; }

    public IntegrationDefinition IntegrationOf(RouteDefinition route) => Definition.Integrations[route.Integration];
}
