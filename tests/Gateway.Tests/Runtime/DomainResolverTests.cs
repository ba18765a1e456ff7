using Platform.Definitions;
using Platform.Gateway.Routing;
using Platform.Gateway.Runtime;
using Platform.Definitions.Routing;

namespace Platform.Gateway.Tests.Runtime;

/// <summary>Stage selection (AWS-REFERENCE §1.2) and custom-domain API mappings.</summary>
public sealed class DomainResolverTests
{
    private static readonly CompiledGateway Gateway = new(new GatewayDefinition
    {
        Apis = new Dictionary<string, ApiDefinition>
        {
            ["shop"] = Api("shop", "prod", "beta", StageDefinition.DefaultStageName),
            ["billing"] = Api("billing", "v1"),
            ["admin"] = Api("admin", "prod"),
        },
        DomainNames = new Dictionary<string, DomainNameDefinition>(StringComparer.OrdinalIgnoreCase)
        {
            [DomainNameDefinition.DefaultDomainName] = Domain(DomainNameDefinition.DefaultDomainName, ("", "shop", "prod"), ("billing", "billing", "v1"), ("admin/tools", "admin", "prod")),
            ["api.example.com"] = Domain("api.example.com", ("v1/billing", "billing", "v1")),
        },
    }, 1);

    public static TheoryData<string, string, string?, string?, string?, string?> Cases => new()
    {
        // $default domain: longest mapping key first, on whole segments.
        { "127.0.0.1", "/users", "shop", "prod", "/users", "" },
        { "127.0.0.1", "/", "shop", "prod", "/", "" },
        { "localhost", "/billing/invoices/1", "billing", "v1", "/invoices/1", "billing" },
        { "localhost", "/billing", "billing", "v1", "/", "billing" },
        { "localhost", "/billing/", "billing", "v1", "/", "billing" },
        { "localhost", "/billingx", "shop", "prod", "/billingx", "" },
        { "localhost", "/Billing/x", "shop", "prod", "/Billing/x", "" },
        { "localhost", "/admin/tools/run", "admin", "prod", "/run", "admin/tools" },
        { "localhost", "/admin/other", "shop", "prod", "/admin/other", "" },
        // A declared domain uses only its own mappings, whatever the case of the host.
        { "api.example.com", "/v1/billing/x", "billing", "v1", "/x", "v1/billing" },
        { "API.Example.COM", "/v1/billing", "billing", "v1", "/", "v1/billing" },
        { "api.example.com", "/users", null, null, null, null },
        // execute-api hosts select the API, then the stage from the first segment, else $default.
        { "shop.execute-api.localhost", "/beta/users", "shop", "beta", "/users", null },
        { "shop.execute-api.localhost", "/prod", "shop", "prod", "/", null },
        { "shop.execute-api.localhost", "/users", "shop", "$default", "/users", null },
        { "shop.execute-api.localhost", "/Prod/users", "shop", "$default", "/Prod/users", null },
        { "shop.execute-api.localhost", "/$default/users", "shop", "$default", "/$default/users", null },
        { "billing.execute-api.localhost", "/v1/x", "billing", "v1", "/x", null },
        // Only a named stage: the first segment must name it, else nothing serves the request (§10).
        { "billing.execute-api.localhost", "/x", null, null, null, null },
        { "nope.execute-api.localhost", "/x", null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_HostAndPath_ChoosesApiStageAndRoutePath(
        string host, string path, string? api, string? stage, string? routePath, string? basePathMatched)
    {
        var resolution = Gateway.Domains.Resolve(host, path);

        Assert.Equal(api, resolution?.Api.Name);
        Assert.Equal(stage, resolution?.Stage.Name);
        Assert.Equal(routePath, resolution?.RoutePath);
        Assert.Equal(basePathMatched, resolution?.BasePathMatched);
    }

    [Fact]
    public void Resolve_NoDefaultDomain_NothingServesOtherHosts()
    {
        var gateway = new CompiledGateway(new GatewayDefinition
        {
            Apis = new Dictionary<string, ApiDefinition> { ["shop"] = Api("shop", "prod") },
        }, 1);

        Assert.Null(gateway.Domains.Resolve("127.0.0.1", "/prod/users"));
        Assert.NotNull(gateway.Domains.Resolve("shop.execute-api.localhost", "/prod/users"));
    }

    private static ApiDefinition Api(string name, params string[] stages) => new()
    {
        Name = name,
        Protocol = ApiProtocol.Http,
        Routes = [new RouteDefinition { Key = RouteKey.Parse("ANY /{proxy+}"), Integration = "mock" }],
        Integrations = new Dictionary<string, IntegrationDefinition>
        {
            ["mock"] = new() { Name = "mock", Type = IntegrationType.Mock, MockResponse = new MockResponseDefinition() },
        },
        Stages = stages.ToDictionary(s => s, s => new StageDefinition { Name = s }),
    };

    private static DomainNameDefinition Domain(string name, params (string Key, string Api, string Stage)[] mappings) => new()
    {
        DomainName = name,
        ApiMappings = [.. mappings.Select(m => new ApiMappingDefinition { ApiMappingKey = m.Key, Api = m.Api, Stage = m.Stage })],
    };
}
