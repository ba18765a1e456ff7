using Microsoft.Extensions.Options;
using Platform.Definitions.Responses;
using Platform.Gateway.Authorization.Lambda;
using Platform.Gateway.Responses;
using Platform.Gateway.Tests.Definitions;

namespace Platform.Gateway.Tests.Authorization.Lambda;

public sealed class AuthorizerResultCacheTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(300);

    [Fact]
    public void Decision_BeforeTtl_IsReturnedAndAfterTtl_IsGone()
    {
        var clock = new ManualTimeProvider();
        var cache = Cache(clock);
        var decision = new AuthorizerDecision { IsAuthorized = true };
        cache.Set(Key("t"), decision, Ttl);

        clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.True(cache.TryGet(Key("t"), out var cached));
        Assert.Same(decision, cached);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(cache.TryGet(Key("t"), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Key_EveryPartDistinguishes()
    {
        var cache = Cache(new ManualTimeProvider());
        cache.Set(new AuthorizerCacheKey(1, "shop", "prod", "auth", AuthorizerCacheKey.IdentityOf(["a", "b"])), new AuthorizerDecision { IsAuthorized = true }, Ttl);

        Assert.True(cache.TryGet(new AuthorizerCacheKey(1, "shop", "prod", "auth", AuthorizerCacheKey.IdentityOf(["a", "b"])), out _));
        Assert.False(cache.TryGet(new AuthorizerCacheKey(2, "shop", "prod", "auth", AuthorizerCacheKey.IdentityOf(["a", "b"])), out _));
        Assert.False(cache.TryGet(new AuthorizerCacheKey(1, "other", "prod", "auth", AuthorizerCacheKey.IdentityOf(["a", "b"])), out _));
        Assert.False(cache.TryGet(new AuthorizerCacheKey(1, "shop", "beta", "auth", AuthorizerCacheKey.IdentityOf(["a", "b"])), out _));
        Assert.False(cache.TryGet(new AuthorizerCacheKey(1, "shop", "prod", "other", AuthorizerCacheKey.IdentityOf(["a", "b"])), out _));
        Assert.False(cache.TryGet(new AuthorizerCacheKey(1, "shop", "prod", "auth", AuthorizerCacheKey.IdentityOf(["a,b"])), out _));
        Assert.False(cache.TryGet(new AuthorizerCacheKey(1, "shop", "prod", "auth", AuthorizerCacheKey.IdentityOf(["ab"])), out _));
    }

    [Fact]
    public void Capacity_Exceeded_EvictsTheLeastRecentlyUsed()
    {
        var cache = Cache(new ManualTimeProvider(), capacity: 2);
        cache.Set(Key("a"), new AuthorizerDecision { IsAuthorized = true }, Ttl);
        cache.Set(Key("b"), new AuthorizerDecision { IsAuthorized = true }, Ttl);
        Assert.True(cache.TryGet(Key("a"), out _));

        cache.Set(Key("c"), new AuthorizerDecision { IsAuthorized = true }, Ttl);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(Key("a"), out _));
        Assert.False(cache.TryGet(Key("b"), out _));
        Assert.True(cache.TryGet(Key("c"), out _));
    }

    [Fact]
    public void Set_SameKeyAgain_ReplacesTheEntry()
    {
        var cache = Cache(new ManualTimeProvider());
        cache.Set(Key("a"), new AuthorizerDecision { IsAuthorized = true }, Ttl);
        cache.Set(Key("a"), new AuthorizerDecision { IsAuthorized = false }, Ttl);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(Key("a"), out var decision));
        Assert.False(decision.IsAuthorized);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(10, 0)]
    public void Set_CapacityOrTtlZero_KeepsNothing(int capacity, int ttlSeconds)
    {
        var cache = Cache(new ManualTimeProvider(), capacity);

        cache.Set(Key("a"), new AuthorizerDecision { IsAuthorized = true }, TimeSpan.FromSeconds(ttlSeconds));

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(Key("a"), out _));
    }

    [Fact]
    public async Task InvokeOnce_ConcurrentMissesForOneKey_ShareOneInvocationAndCacheItsDecision()
    {
        var cache = Cache(new ManualTimeProvider());
        var answer = new TaskCompletionSource<AuthorizerOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invocations = 0;
        Task<AuthorizerOutcome> Invoke()
        {
            Interlocked.Increment(ref invocations);
            return answer.Task;
        }

        var first = cache.InvokeOnceAsync(Key("t"), Ttl, Invoke, out var firstJoined);
        var second = cache.InvokeOnceAsync(Key("t"), Ttl, Invoke, out var secondJoined);
        var other = cache.InvokeOnceAsync(Key("u"), Ttl, Invoke, out var otherJoined);
        var decision = new AuthorizerDecision { IsAuthorized = true };
        answer.SetResult(new AuthorizerOutcome(decision, null, TimeSpan.FromMilliseconds(5)));
        await Task.WhenAll(first, second, other).WaitAsync(TestTimeouts.Default);

        Assert.False(firstJoined);
        Assert.True(secondJoined);
        Assert.False(otherJoined);
        Assert.Equal(2, invocations);
        Assert.Same(decision, (await second).Decision);
        Assert.True(cache.TryGet(Key("t"), out var cached));
        Assert.Same(decision, cached);
    }

    [Fact]
    public async Task InvokeOnce_ErrorOutcome_IsSharedButNotCached()
    {
        var cache = Cache(new ManualTimeProvider());
        var error = new GatewayError(GatewayResponseType.Unauthorized);

        var outcome = await cache.InvokeOnceAsync(Key("t"), Ttl, () => Task.FromResult(new AuthorizerOutcome(null, error, TimeSpan.Zero)), out _)
            .WaitAsync(TestTimeouts.Default);

        Assert.Same(error, outcome.Error);
        Assert.False(cache.TryGet(Key("t"), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task InvokeOnce_AfterAnInvocationThrew_InvokesAgain()
    {
        var cache = Cache(new ManualTimeProvider());

        var failed = cache.InvokeOnceAsync(Key("t"), Ttl, () => Task.FromException<AuthorizerOutcome>(new InvalidOperationException("broken")), out _);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(TestTimeouts.Default));
        var decision = new AuthorizerDecision { IsAuthorized = false };
        var retried = await cache.InvokeOnceAsync(Key("t"), Ttl, () => Task.FromResult(new AuthorizerOutcome(decision, null, TimeSpan.Zero)), out var joined)
            .WaitAsync(TestTimeouts.Default);

        Assert.False(joined);
        Assert.Same(decision, retried.Decision);
    }

    private static AuthorizerResultCache Cache(TimeProvider clock, int capacity = 100) =>
        new(Options.Create(new LambdaAuthorizerOptions { CacheCapacity = capacity }), clock);

    private static AuthorizerCacheKey Key(string token) => new(1, "shop", "prod", "auth", AuthorizerCacheKey.IdentityOf([token]));
}
