using Platform.Definitions;
using Platform.Definitions.Stages;
using Platform.Gateway.Caching;
using Platform.Gateway.Tests.Definitions;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// The definition side of the cache: <c>cacheableStatusCodes</c> (parsed, merged, every error), resource policies
/// naming <c>execute-api:InvalidateCache</c>, and the policy each route compiles to.
/// </summary>
public sealed class CacheDefinitionTests
{
    private const string Routes = "'routes': {'GET /a': {'integration': 'i'}, 'GET /b': {'integration': 'i'}, 'POST /c': {'integration': 'i'}, 'GET /d': {'integration': 'i'}, 'POST /e': {'integration': 'i'}}";

    [Fact]
    public void Load_CacheableStatusCodes_RouteListReplacesTheDefault()
    {
        var stage = Load(Api(routes: Routes, stages: "'stages': {'prod': {'cacheClusterEnabled': true, "
            + "'defaultRouteSettings': {'cacheableStatusCodes': [200]}, 'routeSettings': {'GET /b': {'cacheableStatusCodes': [200, 404, 410]}}}}")).Apis["a"].Stages["prod"];

        Assert.Equal([200], stage.SettingsFor("GET /a").CacheableStatusCodes);
        Assert.Equal([200, 404, 410], stage.SettingsFor("GET /b").CacheableStatusCodes);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { Settings("[]"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes", "cacheableStatusCodes must list at least one status; leave it out to cache every 2xx" },
        { Settings("[199]"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes", "cacheableStatusCodes: 199 is not a status from 200 to 599" },
        { Settings("[200, 600]"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes", "cacheableStatusCodes: 600 is not a status from 200 to 599" },
        { Settings("[200, 404, 200]"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes", "cacheableStatusCodes: 200 is listed more than once" },
        { Settings("200"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes", "must be an array of integers, not a number" },
        { Settings("['200']"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes[0]", "must be an integer, not a string" },
        { Settings("[200, 2.5]"), "apis.a.stages.prod.defaultRouteSettings.cacheableStatusCodes[1]", "must be an integer, not 2.5" },
        {
            Api(stages: "'stages': {'prod': {'routeSettings': {'GET /x': {'cacheableStatusCodes': [100]}}}}"),
            "apis.a.stages.prod.routeSettings[\"GET /x\"].cacheableStatusCodes", "cacheableStatusCodes: 100 is not a status from 200 to 599"
        },
        {
            Api(protocol: "'protocol': 'HTTP', 'policy': {'Statement': [{'Effect': 'Deny', 'Principal': '*', 'Action': 'execute-api:Invalidate'}]}"),
            "apis.a.policy.Statement[0].Action", "action 'execute-api:Invalidate' cannot be evaluated by the gateway; use execute-api:Invoke or execute-api:InvalidateCache"
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_CacheSettingError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    [Fact]
    public void LoadText_CacheableStatusCodesOnAWebSocketApi_IsAnError()
    {
        var json = Of("{'apis': {'chat': {'protocol': 'WEBSOCKET', 'routeSelectionExpression': '$request.body.action', 'routes': {'$default': {'integration': 'i'}}, "
            + "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f'}}, "
            + "'stages': {'prod': {'defaultRouteSettings': {'cacheableStatusCodes': [200]}}}}}}");

        DefinitionAssert.SingleError(json, "apis.chat.stages.prod.defaultRouteSettings.cacheableStatusCodes", "cacheableStatusCodes does not apply to WebSocket APIs");
    }

    [Fact]
    public void Load_PolicyNamingInvalidateCache_Accepted()
    {
        var definition = Load(Api(protocol: "'protocol': 'REST', 'policy': {'Statement': [{'Effect': 'Deny', 'Principal': {'AWS': 'AKIA1'}, 'Action': 'execute-api:InvalidateCache', 'Resource': 'execute-api:/*'}]}"));

        Assert.Equal(["execute-api:InvalidateCache"], definition.Apis["a"].Policy!.Statements[0].Actions);
    }

    [Fact]
    public void For_Routes_CompiledFromTheStageSettings()
    {
        var definition = Load(Api(routes: Routes, stages: "'stages': {'prod': {'cacheClusterEnabled': true, "
            + "'defaultRouteSettings': {'requireAuthorizationForCacheControl': false}, "
            + "'routeSettings': {'GET /b': {'cacheTtlInSeconds': 0}, 'POST /c': {'cachingEnabled': true, 'cacheTtlInSeconds': 3600, 'unauthorizedCacheControlHeaderStrategy': 'FAIL_WITH_403'}, "
            + "'GET /d': {'cachingEnabled': false}}}, 'dev': {}}"));
        var api = definition.Apis["a"];
        CachePolicy? PolicyOf(string stage, string route) => CachePolicies.For(api, api.Stages[stage], api.Routes.Single(r => r.Key.Text == route));

        var get = PolicyOf("prod", "GET /a")!;
        var post = PolicyOf("prod", "POST /c")!;

        Assert.Equal((TimeSpan.FromSeconds(300), false, false, UnauthorizedCacheControlHeaderStrategy.SucceedWithResponseHeader), (get.Ttl, get.AllMethods, get.RequireAuthorization, get.UnauthorizedStrategy));
        Assert.Equal((TimeSpan.FromHours(1), true, UnauthorizedCacheControlHeaderStrategy.FailWith403), (post.Ttl, post.AllMethods, post.UnauthorizedStrategy));
        Assert.Null(PolicyOf("prod", "GET /b"));   // TTL 0: off
        Assert.Null(PolicyOf("prod", "GET /d"));   // cachingEnabled false
        Assert.Null(PolicyOf("dev", "GET /a"));    // no cache cluster
        Assert.NotNull(PolicyOf("prod", "POST /e")); // compiled; the pipeline caches its POSTs only when cachingEnabled (see PolicyFor)
        Assert.False(PolicyOf("prod", "POST /e")!.AllMethods);
        Assert.Same(get, PolicyOf("prod", "GET /a"));
    }

    [Theory]
    [InlineData(null, 200, true)]
    [InlineData(null, 204, true)]
    [InlineData(null, 299, true)]
    [InlineData(null, 301, false)]
    [InlineData(null, 404, false)]
    [InlineData("[200, 404]", 404, true)]
    [InlineData("[200, 404]", 201, false)]
    public void IsCacheable_Status_PerTheRouteSetting(string? codes, int status, bool cacheable)
    {
        var settings = codes is null ? "" : "'defaultRouteSettings': {'cacheableStatusCodes': " + codes + "}, ";
        var definition = Load(Api(stages: "'stages': {'prod': {" + settings + "'cacheClusterEnabled': true}}"));
        var api = definition.Apis["a"];

        Assert.Equal(cacheable, CachePolicies.For(api, api.Stages["prod"], api.Routes[0])!.IsCacheable(status));
    }

    private static string Settings(string codes) => Api(stages: "'stages': {'prod': {'cacheClusterEnabled': true, 'defaultRouteSettings': {'cacheableStatusCodes': " + codes + "}}}");

    private static GatewayDefinition Load(string json)
    {
        var result = DefinitionLoader.LoadText([(FileName, json)]);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }
}
