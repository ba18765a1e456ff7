using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// Lambda authorizer decisions by <see cref="AuthorizerCacheKey"/>, each kept for its authorizer's TTL
/// (AWS-REFERENCE §5.3), at most <see cref="LambdaAuthorizerOptions.CacheCapacity"/> of them (least recently used
/// out first), expiring on the injected <see cref="TimeProvider"/>'s clock.
/// <para>
/// The cache belongs to one gateway process, as AWS's belongs to one deployed stage and is not shared between
/// deployments: replicas each invoke the function once per identity and TTL. It keeps decisions (simple results
/// and whole policies), never verdicts: callers re-evaluate a cached policy against each request's ARN. Failures
/// and "Unauthorized" answers are never stored; see <see cref="LambdaAuthorizer"/>.
/// </para>
/// <para>
/// Concurrent misses for one key share one invocation (<see cref="InvokeOnceAsync"/>): a burst of requests with a
/// new token costs the function one call, not one per request.
/// </para>
/// </summary>
internal sealed class AuthorizerResultCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AuthorizerCacheKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly ConcurrentDictionary<AuthorizerCacheKey, Task<AuthorizerOutcome>> _inFlight = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;

    public AuthorizerResultCache(IOptions<LambdaAuthorizerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _capacity = Math.Max(0, options.Value.CacheCapacity);
        _time = time;
    }

    /// <summary>How many decisions are held, expired ones not yet evicted included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The unexpired decision filed under <paramref name="key"/>; an expired one is dropped.</summary>
    public bool TryGet(AuthorizerCacheKey key, [NotNullWhen(true)] out AuthorizerDecision? decision)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt > now)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    decision = node.Value.Decision;
                    return true;
                }

                Remove(node);
            }
        }

        decision = null;
        return false;
    }

    /// <summary>Keeps <paramref name="decision"/> for <paramref name="ttl"/>, evicting the least recently used entries past the capacity.</summary>
    public void Set(AuthorizerCacheKey key, AuthorizerDecision decision, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_capacity == 0 || ttl <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(key, decision, _time.GetUtcNow() + ttl);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            _entries[key] = _recency.AddFirst(entry);
            while (_entries.Count > _capacity)
            {
                Remove(_recency.Last!);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="invoke"/> for <paramref name="key"/> unless an invocation for it is already running, in
    /// which case its outcome is shared (<paramref name="joined"/> true). A decision it returns is stored for
    /// <paramref name="ttl"/> before the waiters see it. <paramref name="invoke"/> must not depend on one caller's
    /// cancellation: the waiters stop waiting on their own tokens.
    /// </summary>
    public Task<AuthorizerOutcome> InvokeOnceAsync(AuthorizerCacheKey key, TimeSpan ttl, Func<Task<AuthorizerOutcome>> invoke, out bool joined)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        var mine = new TaskCompletionSource<AuthorizerOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _inFlight.GetOrAdd(key, mine.Task);
        joined = running != mine.Task;
        if (!joined)
        {
            _ = RunAsync(key, ttl, invoke, mine);
        }

        return running;
    }

    private async Task RunAsync(AuthorizerCacheKey key, TimeSpan ttl, Func<Task<AuthorizerOutcome>> invoke, TaskCompletionSource<AuthorizerOutcome> completion)
    {
        try
        {
            var outcome = await invoke().ConfigureAwait(false);
            if (outcome.Decision is { } decision)
            {
                Set(key, decision, ttl);
            }

            completion.SetResult(outcome);
        }
        catch (Exception ex)
        {
            completion.SetException(ex);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<AuthorizerCacheKey, Task<AuthorizerOutcome>>(key, completion.Task));
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed record Entry(AuthorizerCacheKey Key, AuthorizerDecision Decision, DateTimeOffset ExpiresAt);
}
