using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

public sealed class ApiAndRouteErrorTests
{
    private static readonly string TooManyRoutes =
        "'routes': {" + string.Join(", ", Enumerable.Range(0, 301).Select(static i => $"'GET /r{i}': {{'integration': 'i'}}")) + "}";

    public static TheoryData<string, string, string> Errors => new()
    {
        // API names and protocol.
        { Api(name: "a b"), "apis[\"a b\"]", "API name 'a b' must be 1 to 128 letters, digits, '_' or '-'" },
        { Api(name: new string('a', 129)), $"apis.{new string('a', 129)}", "must be 1 to 128 letters" },
        { Api(protocol: ""), "apis.a.protocol", "protocol is required and must be HTTP, REST or WEBSOCKET" },
        { Api(protocol: "'protocol': 'GRAPHQL'"), "apis.a.protocol", "protocol must be HTTP, REST or WEBSOCKET; got 'GRAPHQL'" },
        { Api(protocol: "'protocol': 'http'"), "apis.a.protocol", "protocol must be HTTP, REST or WEBSOCKET; got 'http'" },

        // Route keys, with RouteKey.TryParse's messages.
        { Api(routes: TooManyRoutes), "apis.a.routes", "an API may have at most 300 routes; got 301" },
        { Api(routes: "'routes': {'GET /a/{p+}/b': {'integration': 'i'}}"), "apis.a.routes[\"GET /a/{p+}/b\"]", "the greedy segment '{p+}' must be the last segment" },
        { Api(routes: "'routes': {'GET /a/': {'integration': 'i'}}"), "apis.a.routes[\"GET /a/\"]", "the path must not end with '/'" },
        { Api(routes: "'routes': {'FETCH /a': {'integration': 'i'}}"), "apis.a.routes[\"FETCH /a\"]", "method 'FETCH' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY" },
        { Api(routes: "'routes': {'get /a': {'integration': 'i'}}"), "apis.a.routes[\"get /a\"]", "method 'get' must be one of" },
        { Api(routes: "'routes': {'GET a': {'integration': 'i'}}"), "apis.a.routes[\"GET a\"]", "the path must start with '/'" },
        { Api(routes: "'routes': {'GET /a/{id}/{id}': {'integration': 'i'}}"), "apis.a.routes[\"GET /a/{id}/{id}\"]", "parameter 'id' appears twice" },

        // Two keys with the same shape match the same requests.
        {
            Api(routes: "'routes': {'GET /pets/{id}': {'integration': 'i'}, 'GET /pets/{name}': {'integration': 'i'}}"),
            "apis.a.routes[\"GET /pets/{name}\"]",
            "route 'GET /pets/{name}' matches the same requests as route 'GET /pets/{id}' (both are 'GET /pets/{}')"
        },
        {
            Api(routes: "'routes': {'ANY /{proxy+}': {'integration': 'i'}, 'ANY /{path+}': {'integration': 'i'}}"),
            "apis.a.routes[\"ANY /{path+}\"]",
            "matches the same requests as route 'ANY /{proxy+}'"
        },

        // The route's integration.
        { Api(routes: "'routes': {'GET /x': {}}"), "apis.a.routes[\"GET /x\"].integration", "integration is required" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'nope'}}"), "apis.a.routes[\"GET /x\"].integration", "unknown integration 'nope'; the API declares: i" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_ApiOrRouteError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);
}
