using System.Net;
using System.Net.Http.Json;
using Platform.Gateway.Caching;
using Platform.Gateway.Tests.Infrastructure;
using static Platform.Gateway.Tests.Caching.CacheDefinitions;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// The response cache through the whole gateway (the real <c>Program</c> on Kestrel over <see cref="CacheDefinitions"/>)
/// and a real backend process, in each store mode. Every test starts its own gateway and counts under its own tag.
/// Longer than our files usually are: it is the one behavioural contract both stores must meet (lookups, what is
/// stored, Cache-Control: max-age=0, flushes), and splitting it would split that contract.
/// </summary>
public abstract class ResponseCachePipelineContract(BackendFixture backend) : IAsyncLifetime
{
    private KestrelGateway? _gateway;

    private protected string Tag { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Configuration of the store mode (Redis connection and key prefix, or nothing for embedded mode).</summary>
    private protected abstract IReadOnlyDictionary<string, string?> StoreSettings { get; }

    private protected KestrelGateway Gateway => _gateway ??= Start();

    private protected BackendProcess Backend => backend.Backend;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    private protected KestrelGateway Start(IReadOnlyDictionary<string, string?>? extra = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>(StoreSettings) { ["Gateway:Cache:XCacheHeader"] = "true" };
        foreach (var (key, value) in Settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return KestrelGateway.Start(Json(Backend.BaseAddress, Tag), settings, clock: clock);
    }

    private protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, KestrelGateway? gateway = null)
    {
        using (request)
        {
            return await (gateway ?? Gateway).Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
        }
    }

    private protected Task<HttpResponseMessage> GetAsync(string path, bool refresh = false, params (string Name, string Value)[] headers) =>
        SendAsync(Get(Gateway.Address, path, refresh, headers));

    private protected async Task<int> BackendCallsAsync(string route)
    {
        var counts = await Backend.Client.GetFromJsonAsync<Counts>($"/counts/{Tag}.{route}").WaitAsync(TestTimeouts.Default);
        return counts!.N;
    }

    [Fact]
    public async Task Get_Twice_SecondServedFromTheCache()
    {
        using var first = await GetAsync("/catalog");
        using var second = await GetAsync("/catalog");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((1, 1), (Count(first), Count(second)));
        Assert.Equal(("Miss", "Hit"), (Header(first, "X-Cache"), Header(second, "X-Cache")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", Header(second, "Content-Type"));
        Assert.Equal("counted", Header(second, "X-Backend"));
        Assert.NotEqual(Header(first, "x-amzn-RequestId"), Header(second, "x-amzn-RequestId"));
        Assert.Equal(1, await BackendCallsAsync("catalog"));
    }

    [Fact]
    public async Task Get_UnlistedQueryAndHeader_ShareTheEntry()
    {
        using var first = await GetAsync("/catalog?category=books&page=1", headers: ("X-Trace", "a"));
        using var second = await GetAsync("/catalog?category=books&page=2", headers: ("X-Trace", "b"));

        Assert.Equal((1, 1), (Count(first), Count(second)));
        // The entry replays the first request's response: the backend saw page=1.
        Assert.Equal("?category=books&page=1", (string?)(await JsonAsync(second))["query"]);
    }

    [Fact]
    public async Task Get_ListedQueryHeaderOrPathParameter_OwnEntries()
    {
        using var books = await GetAsync("/catalog?category=books");
        using var toys = await GetAsync("/catalog?category=toys");
        using var german = await GetAsync("/catalog?category=books", headers: ("Accept-Language", "de"));
        using var booksAgain = await GetAsync("/catalog?category=books");
        using var item1 = await GetAsync("/items/1");
        using var item2 = await GetAsync("/items/2");
        using var item1Again = await GetAsync("/items/1");

        Assert.Equal([1, 2, 3, 1], [Count(books), Count(toys), Count(german), Count(booksAgain)]);
        Assert.Equal([1, 2, 1], [Count(item1), Count(item2), Count(item1Again)]);
        Assert.Equal("/counted/" + Tag + ".items/2", (string?)(await JsonAsync(item2))["path"]);
    }

    [Fact]
    public async Task Post_ByDefault_NeverCached()
    {
        using var first = await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway.Address, "/orders")) { Content = new StringContent("{}") });
        using var second = await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway.Address, "/orders")) { Content = new StringContent("{}") });

        Assert.Equal((1, 2), (Count(first), Count(second)));
        Assert.Null(Header(second, "X-Cache"));
    }

    [Fact]
    public async Task Post_CachingEnabled_Cached()
    {
        using var first = await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway.Address, "/search")) { Content = new StringContent("{}") });
        using var second = await SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway.Address, "/search")) { Content = new StringContent("{}") });

        Assert.Equal((1, 1), (Count(first), Count(second)));
        Assert.Equal("Hit", Header(second, "X-Cache"));
    }

    [Theory]
    [InlineData("/catalog?status=404")]
    [InlineData("/catalog?status=500")]
    [InlineData("/catalog?status=302")]
    [InlineData("/catalog?cookie=1")]
    [InlineData("/catalog?cacheControl=no-store")]
    [InlineData("/catalog?cacheControl=private,%20max-age=60")]
    [InlineData("/uncached")]
    [InlineData("/dev/catalog")]
    public async Task Get_ResponseOrRouteNotCacheable_EveryRequestReachesTheBackend(string path)
    {
        using var first = await GetAsync(path);
        using var second = await GetAsync(path);

        Assert.Equal((1, 2), (Count(first), Count(second)));
        Assert.NotEqual("Hit", Header(second, "X-Cache"));
    }

    [Fact]
    public async Task Get_SetCookie_NeverReplayedToAnotherCaller()
    {
        using var first = await GetAsync("/catalog?cookie=1");
        using var second = await GetAsync("/catalog?cookie=1");

        Assert.Equal(["session=1"], first.Headers.GetValues("Set-Cookie"));
        Assert.Equal(["session=2"], second.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Get_404WithCacheableStatusCodes_Cached()
    {
        using var first = await GetAsync("/lenient?status=404");
        using var second = await GetAsync("/lenient?status=404");

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal((1, 1), (Count(first), Count(second)));
    }

    [Fact]
    public async Task Get_201WithCacheableStatusCodes_NotCached()
    {
        using var first = await GetAsync("/lenient?status=201");
        using var second = await GetAsync("/lenient?status=201");

        Assert.Equal((1, 2), (Count(first), Count(second)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_LargestCacheableBody_CachedWhole(bool chunked)
    {
        var path = $"/catalog?bytes={CachedResponse.MaxBodyBytes}&chunked={(chunked ? "true" : "false")}";
        using var first = await GetAsync(path);
        using var second = await GetAsync(path);

        Assert.Equal((1, 1), (Count(first), Count(second)));
        AssertPattern(await second.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default), CachedResponse.MaxBodyBytes);
        Assert.Equal(CachedResponse.MaxBodyBytes, second.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_BodyOverTheLimit_StreamedWholeButNotCached(bool chunked)
    {
        var path = $"/catalog?bytes={CachedResponse.MaxBodyBytes + 1}&chunked={(chunked ? "true" : "false")}";
        using var first = await GetAsync(path);
        using var second = await GetAsync(path);

        Assert.Equal((1, 2), (Count(first), Count(second)));
        AssertPattern(await first.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default), CachedResponse.MaxBodyBytes + 1);
        AssertPattern(await second.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default), CachedResponse.MaxBodyBytes + 1);
    }

    [Fact]
    public async Task Get_CorsApi_HitCarriesTheCorsHeadersOfItsOwnOrigin()
    {
        using var first = await GetAsync("/open/menu", headers: ("Origin", "https://a.example"));
        using var second = await GetAsync("/open/menu", headers: ("Origin", "https://b.example"));

        Assert.Equal((1, 1), (Count(first), Count(second)));
        Assert.Equal("https://a.example", Header(first, "Access-Control-Allow-Origin"));
        Assert.Equal("https://b.example", Header(second, "Access-Control-Allow-Origin"));
        Assert.Equal("Origin", Header(second, "Vary"));
    }

    [Fact]
    public async Task Get_XCacheHeaderOff_NoHeader()
    {
        await using var gateway = Start(new Dictionary<string, string?> { ["Gateway:Cache:XCacheHeader"] = "false" });

        using var first = await SendAsync(Get(gateway.Address, "/catalog"), gateway);
        using var second = await SendAsync(Get(gateway.Address, "/catalog"), gateway);

        Assert.Equal((1, 1), (Count(first), Count(second)));
        Assert.Null(Header(first, "X-Cache"));
        Assert.Null(Header(second, "X-Cache"));
    }

    [Fact]
    public async Task Get_AccessLog_CacheStatusOfEachRequest()
    {
        using var miss = await GetAsync("/catalog");
        using var hit = await GetAsync("/catalog");
        using var bypass = await GetAsync("/free", refresh: true);
        using var notCached = await GetAsync("/uncached");

        foreach (var line in new[] { "cache Miss GET /catalog 200", "cache Hit GET /catalog 200", "cache Bypass GET /free 200", "cache - GET /uncached 200" })
        {
            await Gateway.Logs.WaitForAsync(e => e.Category == "Platform.Gateway.AccessLog" && e.Message == line);
        }
    }

    [Fact]
    public async Task MaxAgeZero_NoAuthorizationRequired_RefreshesTheEntry()
    {
        using var first = await GetAsync("/free");
        using var refreshed = await GetAsync("/free", refresh: true);
        using var after = await GetAsync("/free");

        Assert.Equal([1, 2, 2], [Count(first), Count(refreshed), Count(after)]);
        Assert.Equal(("Miss", "Miss", "Hit"), (Header(first, "X-Cache"), Header(refreshed, "X-Cache"), Header(after, "X-Cache")));
    }

    [Fact]
    public async Task MaxAgeZero_UnauthorizedWithFailWith403_403AndBackendNotCalled()
    {
        using var first = await GetAsync("/strict");

        using var refused = await GetAsync("/strict", refresh: true);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("AccessDeniedException", Header(refused, "x-amzn-ErrorType"));
        Assert.Equal(
            "{\"message\":\"User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/strict\"}",
            await refused.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal(1, await BackendCallsAsync("strict"));
    }

    [Fact]
    public async Task MaxAgeZero_UnauthorizedWithDefaultStrategy_ServedFromTheCacheWithAWarning()
    {
        using var first = await GetAsync("/catalog");

        using var ignored = await GetAsync("/catalog", refresh: true);

        Assert.Equal((1, 1), (Count(first), Count(ignored)));
        Assert.Equal(ResponseCache.IgnoredCacheControlWarning, Header(ignored, "Warning"));
        Assert.Null(Header(first, "Warning"));
    }

    [Fact]
    public async Task MaxAgeZero_UnauthorizedOnAMiss_WarningNotStored()
    {
        using var first = await GetAsync("/catalog", refresh: true);
        using var second = await GetAsync("/catalog");

        Assert.Equal((1, 1), (Count(first), Count(second)));
        Assert.Equal(ResponseCache.IgnoredCacheControlWarning, Header(first, "Warning"));
        Assert.Null(Header(second, "Warning"));
    }

    [Fact]
    public async Task MaxAgeZero_UnauthorizedWithSucceedWithoutHeader_ServedFromTheCacheSilently()
    {
        using var first = await GetAsync("/silent");

        using var ignored = await GetAsync("/silent", refresh: true);

        Assert.Equal((1, 1), (Count(first), Count(ignored)));
        Assert.Null(Header(ignored, "Warning"));
    }

    [Fact]
    public async Task MaxAgeZero_SignedByAKnownCredential_RefreshesTheEntry()
    {
        using var first = await GetAsync("/catalog");
        var refresh = Get(Gateway.Address, "/catalog", refresh: true);
        await Signer("execute-api").SignAsync(refresh).WaitAsync(TestTimeouts.Default);

        using var refreshed = await SendAsync(refresh);
        using var after = await GetAsync("/catalog");

        Assert.Equal([1, 2, 2], [Count(first), Count(refreshed), Count(after)]);
        Assert.Null(Header(refreshed, "Warning"));
    }

    public static TheoryData<string, string, string> BadSignatures => new()
    {
        { "execute-api", KestrelGateway.AccessKeyId, "not-the-secret-0123456789abcdef" },
        { "execute-api", "AKIAUNKNOWNKEY000001", KestrelGateway.SecretAccessKey },
        { "apigateway", KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task MaxAgeZero_SignatureNotValid_TreatedAsUnauthorized(string service, string accessKeyId, string secret)
    {
        using var first = await GetAsync("/catalog");
        var refresh = Get(Gateway.Address, "/catalog", refresh: true);
        await Signer(service, accessKeyId, secret).SignAsync(refresh).WaitAsync(TestTimeouts.Default);

        using var ignored = await SendAsync(refresh);

        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.Equal(1, Count(ignored));
        Assert.Equal(ResponseCache.IgnoredCacheControlWarning, Header(ignored, "Warning"));
    }

    [Fact]
    public async Task MaxAgeZero_IamRoute_CallerVerifiedByAccessControlRefreshes()
    {
        var first = Get(Gateway.Address, "/signed");
        await Signer("execute-api").SignAsync(first).WaitAsync(TestTimeouts.Default);
        var refresh = Get(Gateway.Address, "/signed", refresh: true);
        await Signer("execute-api").SignAsync(refresh).WaitAsync(TestTimeouts.Default);

        using var filled = await SendAsync(first);
        using var refreshed = await SendAsync(refresh);

        Assert.Equal((1, 2), (Count(filled), Count(refreshed)));
    }

    [Fact]
    public async Task Hit_AccessControlStillRuns_UnsignedRefusedOnAnIamRoute()
    {
        var signed = Get(Gateway.Address, "/signed");
        await Signer("execute-api").SignAsync(signed).WaitAsync(TestTimeouts.Default);
        using var filled = await SendAsync(signed);

        using var unsigned = await GetAsync("/signed");

        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", Header(unsigned, "x-amzn-ErrorType"));
        Assert.Equal(1, await BackendCallsAsync("signed"));
    }

    [Fact]
    public async Task MaxAgeZero_ResourcePolicyDeniesInvalidateCache_OnlyThatCallerIgnored()
    {
        using var first = await GetAsync("/guarded/report");
        var denied = Get(Gateway.Address, "/guarded/report", refresh: true);
        await Signer("execute-api", DeniedAccessKeyId, DeniedSecretAccessKey).SignAsync(denied).WaitAsync(TestTimeouts.Default);
        var allowed = Get(Gateway.Address, "/guarded/report", refresh: true);
        await Signer("execute-api").SignAsync(allowed).WaitAsync(TestTimeouts.Default);

        using var ignored = await SendAsync(denied);
        using var refreshed = await SendAsync(allowed);

        Assert.Equal([1, 1, 2], [Count(first), Count(ignored), Count(refreshed)]);
        Assert.Equal(ResponseCache.IgnoredCacheControlWarning, Header(ignored, "Warning"));
    }

    [Fact]
    public async Task Flush_Signed_202AndTheStageMissesAfterwards()
    {
        using var catalog = await GetAsync("/catalog");
        using var item = await GetAsync("/items/1");
        using var guarded = await GetAsync("/guarded/report");

        using var flushed = await FlushAsync("shop", "prod");
        using var catalogAfter = await GetAsync("/catalog");
        using var itemAfter = await GetAsync("/items/1");
        using var guardedAfter = await GetAsync("/guarded/report");

        Assert.Equal(HttpStatusCode.Accepted, flushed.StatusCode);
        Assert.Empty(await flushed.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Default));
        Assert.Equal((2, 2), (Count(catalogAfter), Count(itemAfter)));
        Assert.Equal(1, Count(guardedAfter)); // another API's stage keeps its entries
    }

    [Fact]
    public async Task Flush_AwsCli_FlushesTheStage()
    {
        using var first = await GetAsync("/catalog");

        var result = await Platform.Testing.AwsCli.RunAsync(
            ["apigateway", "flush-stage-cache", "--rest-api-id", "shop", "--stage-name", "prod", "--endpoint-url", new Uri(Gateway.Address, "/_gateway").ToString()],
            KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey);
        using var after = await GetAsync("/catalog");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal((1, 2), (Count(first), Count(after)));
    }

    [Fact]
    public async Task Flush_AwsCliUnknownStage_NotFoundException()
    {
        var result = await Platform.Testing.AwsCli.RunAsync(
            ["apigateway", "flush-stage-cache", "--rest-api-id", "shop", "--stage-name", "nope", "--endpoint-url", new Uri(Gateway.Address, "/_gateway").ToString()],
            KestrelGateway.AccessKeyId, KestrelGateway.SecretAccessKey);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NotFoundException", result.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string?, HttpStatusCode, string> FlushRefusals => new()
    {
        { "shop", "prod", null, HttpStatusCode.Forbidden, "MissingAuthenticationTokenException" },
        { "shop", "prod", "wrong-secret", HttpStatusCode.Forbidden, "InvalidSignatureException" },
        { "shop", "prod", "execute-api", HttpStatusCode.Forbidden, "InvalidSignatureException" },
        { "nope", "prod", "apigateway", HttpStatusCode.NotFound, "NotFoundException" },
        { "shop", "nope", "apigateway", HttpStatusCode.NotFound, "NotFoundException" },
        { "shop", "dev", "apigateway", HttpStatusCode.BadRequest, "BadRequestException" },
    };

    [Theory]
    [MemberData(nameof(FlushRefusals))]
    public async Task Flush_Refused_AwsErrorAndEntriesKept(string api, string stage, string? signing, HttpStatusCode status, string errorType)
    {
        using var first = await GetAsync("/catalog");

        using var refused = await FlushAsync(api, stage, signing);
        using var after = await GetAsync("/catalog");

        Assert.Equal(status, refused.StatusCode);
        Assert.Equal(errorType, Header(refused, "x-amzn-ErrorType"));
        Assert.StartsWith("{\"message\":", await refused.Content.ReadAsStringAsync().WaitAsync(TestTimeouts.Default), StringComparison.Ordinal);
        Assert.Equal(1, Count(after));
    }

    /// <summary>DELETE .../cache/data signed for <paramref name="signing"/> (<c>wrong-secret</c>: apigateway with a wrong secret; null: unsigned).</summary>
    private protected async Task<HttpResponseMessage> FlushAsync(string api, string stage, string? signing = "apigateway")
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(Gateway.Address, $"/_gateway/restapis/{api}/stages/{stage}/cache/data"));
        var signer = signing switch
        {
            null => null,
            "wrong-secret" => Signer("apigateway", KestrelGateway.AccessKeyId, "not-the-secret-0123456789abcdef"),
            _ => Signer(signing),
        };
        if (signer is not null)
        {
            await signer.SignAsync(request).WaitAsync(TestTimeouts.Default);
        }

        return await SendAsync(request);
    }

    private sealed record Counts(int N);
}
