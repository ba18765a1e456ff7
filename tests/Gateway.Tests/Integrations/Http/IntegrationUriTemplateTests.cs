using Platform.Definitions;
using Platform.Gateway.Integrations.Http;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Integrations.Http;

/// <summary>The integration URI expanded for requests matched by the real route table, without a network.</summary>
public sealed class IntegrationUriTemplateTests
{
    private static readonly Dictionary<string, string> StageVariables = new(StringComparer.Ordinal)
    {
        ["version"] = "v2",
        ["host"] = "orders:8080",
    };

    [Theory]
    // {name}: one segment, percent-encoded; HTTP APIs decode the parameter first, so the result is canonical.
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/42", "", "http://b/items/42")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/a%20b", "", "http://b/items/a%20b")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/a%2Fb", "", "http://b/items/a%2Fb")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/caf%C3%A9", "", "http://b/items/caf%C3%A9")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/a+b", "", "http://b/items/a%2Bb")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/%2E%2E", "", "http://b/items/%2E%2E")]
    [InlineData("HTTP", "GET /{a}/{b}", "http://b/{b}/x/{a}", "/one/two", "", "http://b/two/x/one")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{other}", "/items/1", "", "http://b/items/")]
    // {proxy} of a greedy {proxy+}: slashes kept, each segment escaped; {proxy+} in the URI reads as {proxy}.
    [InlineData("HTTP", "ANY /files/{proxy+}", "http://b/f/{proxy}", "/files/a/b%20c/d", "", "http://b/f/a/b%20c/d")]
    [InlineData("HTTP", "ANY /files/{proxy+}", "http://b/f/{proxy+}", "/files/a/b", "", "http://b/f/a/b")]
    [InlineData("HTTP", "ANY /files/{proxy+}", "http://b/f/{proxy}", "/files/a/../b", "", "http://b/f/a/%2E%2E/b")]
    // REST keeps parameters as sent: no double encoding, and %2F stays inside its segment.
    [InlineData("REST", "GET /items/{id}", "http://b/items/{id}", "/items/a%20b", "", "http://b/items/a%20b")]
    [InlineData("REST", "ANY /files/{proxy+}", "http://b/f/{proxy}", "/files/a%2Fb/c", "", "http://b/f/a%2Fb/c")]
    // Stage variables anywhere, missing ones empty.
    [InlineData("HTTP", "GET /x", "http://b/${stageVariables.version}/x", "/x", "", "http://b/v2/x")]
    [InlineData("HTTP", "GET /x", "http://${stageVariables.host}/x", "/x", "", "http://orders:8080/x")]
    [InlineData("HTTP", "GET /x", "http://b/${stageVariables.missing}/x", "/x", "", "http://b//x")]
    // $default: the request's route path appended to the URI's path.
    [InlineData("HTTP", "$default", "http://b", "/any/path", "", "http://b/any/path")]
    [InlineData("HTTP", "$default", "http://b/base/", "/any/a%20b", "", "http://b/base/any/a%20b")]
    [InlineData("HTTP", "$default", "http://b/base?fixed=1", "/p", "?q=2", "http://b/base/p?fixed=1&q=2")]
    // The client's raw query string, appended to the URI's own query.
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}", "/items/1", "?a=1&b=%20x&a=2", "http://b/items/1?a=1&b=%20x&a=2")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}?fixed=yes", "/items/1", "?a=1", "http://b/items/1?fixed=yes&a=1")]
    [InlineData("HTTP", "GET /items/{id}", "http://b/items/{id}?fixed=yes#frag", "/items/1", "", "http://b/items/1?fixed=yes")]
    public void Expand_Request_GivesTargetUrl(string protocol, string routeKey, string template, string path, string query, string expected)
    {
        var request = Matched(protocol == "REST" ? ApiProtocol.Rest : ApiProtocol.Http, routeKey, template, path);

        var expanded = IntegrationUriTemplate.Parse(template).Expand(request, query);

        Assert.Equal(expected, expanded);
    }

    [Theory]
    [InlineData("http://b/{not closed")]
    [InlineData("http://b/{}")]
    [InlineData("http://b/{a b}")]
    [InlineData("http://b/{a/b}")]
    [InlineData("http://b/${stageVariables.a b}")]
    public void Expand_BraceNotAPlaceholder_StaysLiteral(string template)
    {
        var request = Matched(ApiProtocol.Http, "GET /x", "http://b/x", "/x");

        Assert.Equal(template, IntegrationUriTemplate.Parse(template).Expand(request, null));
    }

    private static GatewayRequestFeature Matched(ApiProtocol protocol, string routeKey, string template, string path)
    {
        var gateway = TestApis.Gateway(protocol, routeKey, ProxyHarness.Proxy(template), StageVariables);
        var api = gateway.Apis[TestApis.ApiName];
        var http = protocol == ApiProtocol.Http;
        var match = api.Routes.Match("GET", path, decodeParameters: http, keepTrailingSlash: http)
            ?? throw new InvalidOperationException($"'{path}' does not match '{routeKey}'.");
        return new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = "AbCdEfG=",
            RequestTime = DateTimeOffset.UnixEpoch,
            StartTimestamp = 0,
            Gateway = gateway,
            RequestPath = path,
            DomainName = "localhost",
            Api = api,
            Stage = api.Definition.Stages[StageDefinition.DefaultStageName],
            RoutePath = path,
            Route = match.Route,
            PathParameters = match.PathParameters,
        };
    }
}
