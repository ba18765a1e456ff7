using Microsoft.Extensions.Primitives;
using Platform.Gateway.Caching;

namespace Platform.Gateway.Tests.Caching;

/// <summary>What every response cache store does, in memory and in Redis alike: entries by key and generation, flushes per stage.</summary>
public abstract class ResponseCacheStoreContract
{
    private protected static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    /// <summary>Each test's own API name, so tests sharing a Redis never see each other's entries.</summary>
    private protected string Api { get; } = "api" + Guid.NewGuid().ToString("N")[..8];

    private protected abstract IResponseCacheStore Store { get; }

    private protected static CachedResponse Entry(string body, int status = 200) =>
        CachedResponse.Create(status, [new("Content-Type", "text/plain"), new("X-Body", body)], System.Text.Encoding.UTF8.GetBytes(body));

    private protected CacheKey Key(string text, string stage = "prod") => new(Api, stage, text);

    [Fact]
    public async Task Get_NothingStored_Null()
    {
        var generation = await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Null(await Store.GetAsync(Key("GET  /nothing"), generation).AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Get_Stored_SameStatusHeadersAndBody()
    {
        var generation = await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        await Store.SetAsync(Key("GET  /a"), generation, Entry("alpha", 203), Ttl).AsTask().WaitAsync(TestTimeouts.Default);

        var entry = await Store.GetAsync(Key("GET  /a"), generation).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.NotNull(entry);
        Assert.Equal(203, entry.StatusCode);
        Assert.Equal("alpha", System.Text.Encoding.UTF8.GetString(entry.Body.Span));
        Assert.Equal(new StringValues("alpha"), entry.Headers.Single(h => h.Key == "X-Body").Value);
    }

    [Fact]
    public async Task Set_SameKeyAgain_Replaced()
    {
        var generation = await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        await Store.SetAsync(Key("GET  /a"), generation, Entry("first"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);
        await Store.SetAsync(Key("GET  /a"), generation, Entry("second"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);

        var entry = await Store.GetAsync(Key("GET  /a"), generation).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal("second", System.Text.Encoding.UTF8.GetString(entry!.Body.Span));
    }

    [Fact]
    public async Task Get_OtherStageOrApi_Null()
    {
        var generation = await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        await Store.SetAsync(Key("GET  /a"), generation, Entry("prod"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Null(await Store.GetAsync(Key("GET  /a", "beta"), await Store.GenerationAsync(Api, "beta")).AsTask().WaitAsync(TestTimeouts.Default));
        Assert.Null(await Store.GetAsync(new CacheKey(Api + "x", "prod", "GET  /a"), await Store.GenerationAsync(Api + "x", "prod")).AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Flush_Stage_ItsEntriesGoneOthersKept()
    {
        var prod = await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        var beta = await Store.GenerationAsync(Api, "beta").AsTask().WaitAsync(TestTimeouts.Default);
        await Store.SetAsync(Key("GET  /a"), prod, Entry("prod"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);
        await Store.SetAsync(Key("GET  /a", "beta"), beta, Entry("beta"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);

        var flushed = await Store.FlushAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal(prod + 1, flushed);
        Assert.Equal(flushed, await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default));
        Assert.Null(await Store.GetAsync(Key("GET  /a"), flushed).AsTask().WaitAsync(TestTimeouts.Default));
        Assert.Equal(beta, await Store.GenerationAsync(Api, "beta").AsTask().WaitAsync(TestTimeouts.Default));
        Assert.NotNull(await Store.GetAsync(Key("GET  /a", "beta"), beta).AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Set_UnderTheGenerationBeforeAFlush_NotSeenAfterIt()
    {
        // A response fetched before the flush must not come back after it.
        var before = await Store.GenerationAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        var after = await Store.FlushAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);

        await Store.SetAsync(Key("GET  /a"), before, Entry("stale"), Ttl).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Null(await Store.GetAsync(Key("GET  /a"), after).AsTask().WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task Flush_Twice_GenerationKeepsGrowing()
    {
        var first = await Store.FlushAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);
        var second = await Store.FlushAsync(Api, "prod").AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal(first + 1, second);
    }
}
