using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Caching;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// Cache keys (AWS-REFERENCE §6): which requests share an entry. Requests are resolved as the pipeline resolves
/// them (domain mapping, stage, route match) against a loaded definition; unlisted parameters never split the cache.
/// </summary>
public sealed class CacheKeyTests
{
    private static readonly CompiledGateway Gateway = Compile(Of("{'apis': {"
        + "'shop': {'protocol': 'REST', 'routes': {"
        + "  'GET /catalog': {'integration': 'i', 'cacheKeyParameters': ['method.request.querystring.category', 'method.request.header.Accept-Language']},"
        + "  'GET /items/{id}': {'integration': 'i', 'cacheKeyParameters': ['method.request.path.id']},"
        + "  'GET /plain/{id}': {'integration': 'i'},"
        + "  'ANY /any': {'integration': 'i'}},"
        + " 'integrations': {'i': " + Mock + "},"
        + " 'stages': {'prod': {'cacheClusterEnabled': true, 'routeSettings': {'ANY /any': {'cachingEnabled': true}}}, 'beta': {'cacheClusterEnabled': true}}},"
        + "'mall': {'protocol': 'REST', 'routes': {'GET /catalog': {'integration': 'i', 'cacheKeyParameters': ['method.request.querystring.category', 'method.request.header.Accept-Language']}},"
        + " 'integrations': {'i': " + Mock + "}, 'stages': {'prod': {'cacheClusterEnabled': true}}}},"
        + "'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': '', 'api': 'shop', 'stage': 'prod'}, {'apiMappingKey': 'beta', 'api': 'shop', 'stage': 'beta'}, {'apiMappingKey': 'mall', 'api': 'mall', 'stage': 'prod'}]}}}"));

    public static TheoryData<string, string, string, string, bool> SameEntry => new()
    {
        // request A, request B (method, path?query, headers as name:value;...) and whether they share an entry
        { "GET /catalog?category=books", "", "GET /catalog?category=books", "", true },
        { "GET /catalog?category=books&page=1", "", "GET /catalog?category=books&page=2", "", true },          // unlisted query
        { "GET /catalog?category=books", "X-Trace:1", "GET /catalog?category=books", "X-Trace:2", true },      // unlisted header
        { "GET /catalog", "Accept-Language:en", "GET /catalog", "accept-language:en", true },                  // header names ignore case
        { "GET /catalog?category=books", "", "GET /catalog?category=toys", "", false },                         // listed query
        { "GET /catalog?category=", "", "GET /catalog", "", false },                                            // empty is not absent
        { "GET /catalog?category=a,b", "", "GET /catalog?category=a&category=b", "", false },                   // one value with a comma is not two values
        { "GET /catalog?category=a%26b", "", "GET /catalog?category=a&b", "", false },                           // an escaped separator is a value
        { "GET /catalog", "Accept-Language:en", "GET /catalog", "Accept-Language:de", false },                  // listed header
        { "GET /catalog", "Accept-Language:en", "GET /catalog", "", false },
        { "GET /items/1", "", "GET /items/2", "", false },                                                       // listed path parameter
        { "GET /plain/1", "", "GET /plain/2", "", false },                                                       // the path itself splits
        { "GET /any", "", "POST /any", "", false },                                                              // method
        { "GET /catalog?category=books", "", "GET /beta/catalog?category=books", "", false },                    // stage
        { "GET /catalog?category=books", "", "GET /mall/catalog?category=books", "", false },                    // API
    };

    [Theory]
    [MemberData(nameof(SameEntry))]
    public void For_TwoRequests_ShareAnEntryOnlyWhenMethodPathStageApiAndListedParametersMatch(string first, string firstHeaders, string second, string secondHeaders, bool same)
    {
        var a = KeyOf(first, firstHeaders);
        var b = KeyOf(second, secondHeaders);

        Assert.Equal(same, a == b);
        Assert.Equal(same, CacheKeys.Digest(a) == CacheKeys.Digest(b));
    }

    [Fact]
    public void For_Catalog_TextReadsMethodParametersAndPath()
    {
        var key = KeyOf("GET /catalog?category=board%20games&page=3", "Accept-Language:en-GB");

        Assert.Equal(new CacheKey("shop", "prod", "GET q.category=board%20games&h.accept-language=en-GB /catalog"), key);
    }

    [Fact]
    public void For_MissingParameters_MarkedAbsent()
    {
        var key = KeyOf("GET /catalog", "");

        Assert.Equal("GET q.category!&h.accept-language! /catalog", key.Text);
    }

    [Fact]
    public void For_RouteWithoutParameters_MethodAndPath()
    {
        Assert.Equal("GET  /plain/7", KeyOf("GET /plain/7?x=1", "").Text);
    }

    [Fact]
    public void Digest_HidesValues()
    {
        var key = KeyOf("GET /catalog?category=secret-value", "");

        var digest = CacheKeys.Digest(key);

        Assert.Equal(16, digest.Length);
        Assert.DoesNotContain("secret", digest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /catalog", true)]
    [InlineData("GET /any", true)]
    [InlineData("POST /any", true)]              // cachingEnabled: every method
    [InlineData("HEAD /any", false)]         // HEAD responses have no body to replay
    public void PolicyFor_Method_CachedOrNot(string request, bool cached)
    {
        var (context, feature) = Resolve(request, "");

        Assert.Equal(cached, ResponseCache.PolicyFor(context, feature) is not null);
    }

    private static CacheKey KeyOf(string request, string headers)
    {
        var (context, feature) = Resolve(request, headers);
        var policy = ResponseCache.PolicyFor(context, feature) ?? throw new InvalidOperationException($"{request} is not cached");
        return CacheKeys.For(context, feature, policy);
    }

    private static (HttpContext Context, GatewayRequestFeature Request) Resolve(string request, string headers) =>
        ResolvedRequests.Resolve(Gateway, request, headers);

    private static CompiledGateway Compile(string json) => ResolvedRequests.Compile(json);
}
