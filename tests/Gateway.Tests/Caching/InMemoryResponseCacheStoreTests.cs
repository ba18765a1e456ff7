using Microsoft.Extensions.Options;
using Platform.Gateway.Caching;
using Platform.Gateway.Tests.Definitions;

namespace Platform.Gateway.Tests.Caching;

/// <summary>The store contract in memory, plus its clock-driven TTL and its byte budget.</summary>
public sealed class InMemoryResponseCacheStoreTests : ResponseCacheStoreContract
{
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryResponseCacheStore _store;

    public InMemoryResponseCacheStoreTests() => _store = Create(128L * 1024 * 1024);

    private protected override IResponseCacheStore Store => _store;

    [Fact]
    public async Task Get_TtlPassed_NullAndForgotten()
    {
        await _store.SetAsync(Key("GET  /a"), 0, Entry("a"), TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await _store.GetAsync(Key("GET  /a"), 0));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await _store.GetAsync(Key("GET  /a"), 0));
        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _store.Bytes);
    }

    [Fact]
    public async Task Set_OverTheBudget_LeastRecentlyUsedGoFirst()
    {
        var store = Create(CachedResponse.MaxBodyBytes);
        var body = new string('x', 200 * 1024);
        for (var i = 0; i < 4; i++)
        {
            await store.SetAsync(Key($"GET  /{i}"), 0, Large(body), Ttl);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Entry 0 is the oldest, but used just now; 1 is then the least recently used.
        Assert.NotNull(await store.GetAsync(Key("GET  /0"), 0));
        _clock.Advance(TimeSpan.FromSeconds(1));

        await store.SetAsync(Key("GET  /4"), 0, Large(body), Ttl);
        await store.SetAsync(Key("GET  /5"), 0, Large(body), Ttl);

        Assert.InRange(store.Bytes, 1, CachedResponse.MaxBodyBytes);
        Assert.Null(await store.GetAsync(Key("GET  /1"), 0));
        Assert.NotNull(await store.GetAsync(Key("GET  /0"), 0));
        Assert.NotNull(await store.GetAsync(Key("GET  /5"), 0));
    }

    [Fact]
    public async Task Set_ExpiredEntriesOverTheBudget_GoBeforeLiveOnes()
    {
        var store = Create(CachedResponse.MaxBodyBytes);
        var body = new string('x', 300 * 1024);
        await store.SetAsync(Key("GET  /short"), 0, Large(body), TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await store.SetAsync(Key("GET  /a"), 0, Large(body), Ttl);
        await store.SetAsync(Key("GET  /b"), 0, Large(body), Ttl);

        await store.SetAsync(Key("GET  /c"), 0, Large(body), Ttl);

        Assert.NotNull(await store.GetAsync(Key("GET  /a"), 0));
        Assert.NotNull(await store.GetAsync(Key("GET  /c"), 0));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task Flush_Stage_BytesGivenBack()
    {
        await _store.SetAsync(Key("GET  /a"), 0, Entry("a"), Ttl);
        await _store.SetAsync(Key("GET  /b"), 0, Entry("b"), Ttl);
        Assert.True(_store.Bytes > 0);

        await _store.FlushAsync(Api, "prod");

        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _store.Bytes);
    }

    [Fact]
    public async Task Set_Replacing_BytesCountedOnce()
    {
        await _store.SetAsync(Key("GET  /a"), 0, Entry("a"), Ttl);
        var once = _store.Bytes;

        await _store.SetAsync(Key("GET  /a"), 0, Entry("a"), Ttl);

        Assert.Equal(once, _store.Bytes);
    }

    private static CachedResponse Large(string body) => CachedResponse.Create(200, [new("Content-Type", "text/plain")], System.Text.Encoding.UTF8.GetBytes(body));

    private InMemoryResponseCacheStore Create(long limit) =>
        new(Options.Create(new ResponseCacheOptions { MemoryLimitBytes = limit }), _clock);
}
