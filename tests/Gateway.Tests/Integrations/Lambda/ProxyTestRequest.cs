using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>
/// One client request against a one-route API, turned into what an integration handler receives: a
/// <see cref="DefaultHttpContext"/> and a <see cref="GatewayRequestFeature"/> resolved by the real
/// <see cref="CompiledGateway"/> (domain resolver, stage selection, route table), as the pipeline resolves it.
/// </summary>
internal sealed record ProxyTestRequest
{
    public const string IntegrationName = "fn";

    public ApiProtocol Protocol { get; init; } = ApiProtocol.Http;

    public string ApiName { get; init; } = "id";

    public string RouteKey { get; init; } = "ANY /{proxy+}";

    public string StageName { get; init; } = StageDefinition.DefaultStageName;

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>When set, <see cref="Host"/> is declared as a custom domain mapping this key to the API's stage.</summary>
    public string? MappingKey { get; init; }

    public IntegrationDefinition Integration { get; init; } = new()
    {
        Name = IntegrationName, Type = IntegrationType.AwsProxy, IntegrationUri = "http://functions", FunctionName = "fn",
    };

    public string Method { get; init; } = "GET";

    public string Scheme { get; init; } = "https";

    /// <summary>The Host header, port included when not the scheme's default.</summary>
    public string Host { get; init; } = "id.execute-api.us-east-1.amazonaws.com";

    /// <summary>The path as sent: encoded, with the stage or mapping key.</summary>
    public string Path { get; init; } = "/proxy-value";

    /// <summary>The query as sent, without <c>?</c>.</summary>
    public string Query { get; init; } = "";

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    public string? RemoteIp { get; init; } = "1.2.3.4";

    public string RequestId { get; init; } = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";

    public string ExtendedRequestId { get; init; } = "J7jk9g-7oAMEJGw=";

    public DateTimeOffset RequestTime { get; init; } = DateTimeOffset.FromUnixTimeMilliseconds(1583349317135);

    public (DefaultHttpContext Context, GatewayRequestFeature Feature) Build() => (CreateContext(), BuildFeature());

    /// <summary>The feature alone, for a real request whose context the server created.</summary>
    public GatewayRequestFeature BuildFeature()
    {
        var stage = new StageDefinition { Name = StageName, StageVariables = StageVariables };
        var api = new ApiDefinition
        {
            Name = ApiName,
            Protocol = Protocol,
            Routes = [new RouteDefinition { Key = global::Platform.Definitions.Routing.RouteKey.Parse(RouteKey), Integration = IntegrationName }],
            Integrations = new Dictionary<string, IntegrationDefinition> { [IntegrationName] = Integration },
            Stages = new Dictionary<string, StageDefinition> { [StageName] = stage },
        };
        var hostName = new HostString(Host).Host;
        var domains = new Dictionary<string, DomainNameDefinition>(StringComparer.OrdinalIgnoreCase);
        if (MappingKey is not null)
        {
            domains[hostName] = new DomainNameDefinition
            {
                DomainName = hostName,
                ApiMappings = [new ApiMappingDefinition { ApiMappingKey = MappingKey, Api = ApiName, Stage = StageName }],
            };
        }

        var gateway = new CompiledGateway(new GatewayDefinition { Apis = new Dictionary<string, ApiDefinition> { [ApiName] = api }, DomainNames = domains }, 1);
        var resolution = gateway.Domains.Resolve(hostName, Path)
            ?? throw new InvalidOperationException($"No API serves {Host}{Path}.");
        var http = Protocol == ApiProtocol.Http;
        var match = resolution.Api.Routes.Match(Method, resolution.RoutePath, decodeParameters: http, keepTrailingSlash: http)
            ?? throw new InvalidOperationException($"No route of {ApiName} matches {Method} {resolution.RoutePath}.");

        return new GatewayRequestFeature
        {
            RequestId = RequestId,
            ExtendedRequestId = ExtendedRequestId,
            RequestTime = RequestTime,
            StartTimestamp = Stopwatch.GetTimestamp(),
            Gateway = gateway,
            RequestPath = Path,
            DomainName = hostName,
            Api = resolution.Api,
            Stage = resolution.Stage,
            RoutePath = resolution.RoutePath,
            BasePathMatched = resolution.BasePathMatched,
            Route = match.Route,
            PathParameters = match.PathParameters,
        };
    }

    private DefaultHttpContext CreateContext()
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = Method;
        request.Scheme = Scheme;
        request.Host = new HostString(Host);
        request.Path = PathString.FromUriComponent(Path);
        request.QueryString = Query.Length == 0 ? QueryString.Empty : new QueryString("?" + Query);
        request.Protocol = "HTTP/1.1";
        foreach (var (name, value) in Headers)
        {
            request.Headers.Append(name, value);
        }

        request.Body = new MemoryStream(Body);
        context.Connection.RemoteIpAddress = RemoteIp is null ? null : IPAddress.Parse(RemoteIp);
        context.Response.Body = new MemoryStream();
        return context;
    }
}
