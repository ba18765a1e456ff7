using Platform.Definitions;
using Platform.Definitions.Stages;
using Platform.Gateway.Tests.Definitions;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Stages;

/// <summary>A stage's <c>defaultRouteSettings</c>/<c>routeSettings</c>/<c>cacheClusterEnabled</c> and routes' <c>cacheKeyParameters</c>: parsing, merging and every error.</summary>
public sealed class RouteSettingsDefinitionTests
{
    private const string Routes = "'routes': {'GET /pets': {'integration': 'i'}, 'GET /pets/{id}': {'integration': 'i', 'cacheKeyParameters': ['method.request.path.id', 'method.request.querystring.lang', 'method.request.header.Accept-Language']}, 'POST /pets': {'integration': 'i'}}";

    [Fact]
    public void Load_RouteSettings_MergeRouteOverStageDefaults()
    {
        var json = Api(routes: Routes, stages: "'stages': {'prod': {'cacheClusterEnabled': true, "
            + "'defaultRouteSettings': {'throttlingRateLimit': 500, 'throttlingBurstLimit': 1000, 'cacheTtlInSeconds': 120, 'unauthorizedCacheControlHeaderStrategy': 'FAIL_WITH_403'}, "
            + "'routeSettings': {'POST /pets': {'throttlingRateLimit': 20.5, 'throttlingBurstLimit': 50}, 'GET /pets': {'cachingEnabled': false, 'requireAuthorizationForCacheControl': false}}}}");

        var stage = Load(json).Apis["a"].Stages["prod"];

        Assert.True(stage.CacheClusterEnabled);
        var post = stage.SettingsFor("POST /pets");
        Assert.Equal(20.5, post.ThrottlingRateLimit);
        Assert.Equal(50, post.ThrottlingBurstLimit);
        Assert.Equal(120, post.CacheTtlInSeconds);
        var list = stage.SettingsFor("GET /pets");
        Assert.Equal(500, list.ThrottlingRateLimit);
        Assert.Equal(1000, list.ThrottlingBurstLimit);
        Assert.False(list.CachingEnabled);
        Assert.False(list.RequireAuthorizationForCacheControl);
        Assert.Equal(UnauthorizedCacheControlHeaderStrategy.FailWith403, list.UnauthorizedCacheControlHeaderStrategy);
        var item = stage.SettingsFor("GET /pets/{id}");
        Assert.Null(item.CachingEnabled);
        Assert.Equal(500, item.ThrottlingRateLimit);
    }

    [Fact]
    public void Load_NoSettings_NothingSet()
    {
        var stage = Load(Api()).Apis["a"].Stages["$default"];

        Assert.False(stage.CacheClusterEnabled);
        Assert.Equal(RouteSettings.None, stage.SettingsFor("GET /x"));
    }

    [Fact]
    public void Load_CacheKeyParameters_ParsedInOrder()
    {
        var route = Load(Api(routes: Routes)).Apis["a"].Routes.Single(r => r.Key.Text == "GET /pets/{id}");

        Assert.Equal(
            [
                new CacheKeyParameter(CacheKeyParameterSource.Path, "id"),
                new CacheKeyParameter(CacheKeyParameterSource.QueryString, "lang"),
                new CacheKeyParameter(CacheKeyParameterSource.Header, "Accept-Language"),
            ],
            route.CacheKeyParameters);
        Assert.Equal("method.request.header.Accept-Language", route.CacheKeyParameters[2].Expression);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'throttlingRateLimit': -1, 'throttlingBurstLimit': 5}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings.throttlingRateLimit", "throttlingRateLimit must be a number of requests per second ≥ 0; got -1" },
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'throttlingRateLimit': 1, 'throttlingBurstLimit': -5}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings.throttlingBurstLimit", "throttlingBurstLimit must be ≥ 0; got -5" },
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'throttlingBurstLimit': 1.5}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings.throttlingBurstLimit", "must be an integer, not 1.5" },
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'throttlingRateLimit': 10}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings", "set both throttlingRateLimit and throttlingBurstLimit" },
        { Api(stages: "'stages': {'$default': {'routeSettings': {'GET /x': {'throttlingBurstLimit': 10}}}}"), "apis.a.stages[\"$default\"].routeSettings[\"GET /x\"]", "set both throttlingRateLimit and throttlingBurstLimit here or in defaultRouteSettings" },
        { Api(stages: "'stages': {'$default': {'routeSettings': {'GET /y': {'cachingEnabled': true}}}}"), "apis.a.stages[\"$default\"].routeSettings[\"GET /y\"]", "routeSettings names 'GET /y', which is not a route of API 'a'" },
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'cacheTtlInSeconds': 3601}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings.cacheTtlInSeconds", "cacheTtlInSeconds must be 0 to 3600; got 3601" },
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'unauthorizedCacheControlHeaderStrategy': 'FAIL'}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings.unauthorizedCacheControlHeaderStrategy", "must be FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER or SUCCEED_WITHOUT_RESPONSE_HEADER; got 'FAIL'" },
        { Api(stages: "'stages': {'$default': {'defaultRouteSettings': {'cacheTTL': 1}}}"), "apis.a.stages[\"$default\"].defaultRouteSettings.cacheTTL", "unknown property 'cacheTTL'; expected one of: throttlingRateLimit, throttlingBurstLimit, cachingEnabled" },
        { Api(stages: "'stages': {'$default': {'cacheClusterEnabled': 'yes'}}"), "apis.a.stages[\"$default\"].cacheClusterEnabled", "must be true or false, not a string" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'cacheKeyParameters': ['querystring.q']}}"), "apis.a.routes[\"GET /x\"].cacheKeyParameters", "'querystring.q' must be method.request.querystring.<name>, method.request.header.<name> or method.request.path.<name>" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'cacheKeyParameters': ['method.request.body.q']}}"), "apis.a.routes[\"GET /x\"].cacheKeyParameters", "'method.request.body.q' must be" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'cacheKeyParameters': ['method.request.path.id']}}"), "apis.a.routes[\"GET /x\"].cacheKeyParameters", "names path parameter 'id', which route 'GET /x' does not declare" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'cacheKeyParameters': ['method.request.querystring.q', 'method.request.querystring.q']}}"), "apis.a.routes[\"GET /x\"].cacheKeyParameters", "'method.request.querystring.q' is listed more than once" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_RouteSettingsError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    [Fact]
    public void LoadText_CacheOnAWebSocketApi_IsAnError()
    {
        var json = Of("{'apis': {'chat': {'protocol': 'WEBSOCKET', 'routeSelectionExpression': '$request.body.action', 'routes': {'$default': {'integration': 'i'}}, "
            + "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f'}}, "
            + "'stages': {'prod': {'cacheClusterEnabled': true, 'defaultRouteSettings': {'cachingEnabled': true, 'throttlingRateLimit': 5, 'throttlingBurstLimit': 5}}}}}}");

        var result = DefinitionLoader.LoadText([(FileName, json)]);

        Assert.Contains(result.Errors, e => e.Key == "apis.chat.stages.prod.cacheClusterEnabled" && e.Message == "WebSocket APIs have no response cache");
        Assert.Contains(result.Errors, e => e.Key == "apis.chat.stages.prod.defaultRouteSettings.cachingEnabled" && e.Message.Contains("does not apply to WebSocket APIs", StringComparison.Ordinal));
        Assert.Equal(2, result.Errors.Count);
    }

    private static GatewayDefinition Load(string json)
    {
        var result = DefinitionLoader.LoadText([(FileName, json)]);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }
}
