using System.Net;
using System.Net.Http.Json;
using Platform.Gateway.Caching;
using Platform.Gateway.Tests.Infrastructure;
using static Platform.Gateway.Tests.Caching.CacheDefinitions;

namespace Platform.Gateway.Tests.Caching;

/// <summary>
/// The response cache through the whole gateway (the real <c>Program</c> on Kestrel over <see cref="CacheDefinitions"/>)
/// and a real backend process, in each store mode. Every test starts its own gateway and counts under its own tag.
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

    private sealed record Counts(int N);
}
