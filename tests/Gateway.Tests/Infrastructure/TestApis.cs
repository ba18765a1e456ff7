using Platform.Definitions;
using Platform.Gateway.Routing;
using Platform.Gateway.Runtime;
using Platform.Definitions.Routing;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Compiled gateways for integration tests: one API (<see cref="ApiName"/>) on the <c>$default</c> stage, mapped at
/// the root of the <c>$default</c> domain name so that any host (127.0.0.1 included) reaches it with the whole path.
/// </summary>
internal static class TestApis
{
    public const string ApiName = "testapi";

    public static CompiledGateway Gateway(
        ApiProtocol protocol, IEnumerable<(string RouteKey, IntegrationDefinition Integration)> routes,
        IReadOnlyDictionary<string, string>? stageVariables = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var list = routes.ToList();
        var stage = new StageDefinition
        {
            Name = StageDefinition.DefaultStageName,
            StageVariables = stageVariables ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
        var api = new ApiDefinition
        {
            Name = ApiName,
            Protocol = protocol,
            Routes = [.. list.Select(r => new RouteDefinition { Key = RouteKey.Parse(r.RouteKey), Integration = r.Integration.Name })],
            Integrations = list.Select(r => r.Integration).DistinctBy(i => i.Name).ToDictionary(i => i.Name, StringComparer.Ordinal),
            Stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal) { [stage.Name] = stage },
        };
        var domain = new DomainNameDefinition
        {
            DomainName = DomainNameDefinition.DefaultDomainName,
            ApiMappings = [new ApiMappingDefinition { Api = ApiName, Stage = stage.Name }],
        };
        return new CompiledGateway(new GatewayDefinition
        {
            Apis = new Dictionary<string, ApiDefinition>(StringComparer.Ordinal) { [ApiName] = api },
            DomainNames = new Dictionary<string, DomainNameDefinition>(StringComparer.OrdinalIgnoreCase) { [domain.DomainName] = domain },
        }, version: 1);
    }

    public static CompiledGateway Gateway(
        ApiProtocol protocol, string routeKey, IntegrationDefinition integration, IReadOnlyDictionary<string, string>? stageVariables = null) =>
        Gateway(protocol, [(routeKey, integration)], stageVariables);
}
