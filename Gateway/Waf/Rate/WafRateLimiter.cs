using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Waf.Rate;

/// <summary>
/// The counters of rate-based rules, per rule and source address, in this process. A request is judged here and
/// only here — a lock on its own counter, never a Redis call; <see cref="WafRateSynchronizer"/> shares the counts
/// between replicas in the background. At most <see cref="WafOptions.MaxTrackedAddresses"/> counters are kept: past
/// that, new addresses are not counted (the rule fails open for them) until idle counters are swept.
/// </summary>
internal sealed partial class WafRateLimiter(IOptions<WafOptions> options, TimeProvider time, WafTelemetry telemetry, ILogger<WafRateLimiter> logger)
{
    private readonly ConcurrentDictionary<RateKey, RateCounter> _counters = new();
    private readonly string _prefix = options.Value.RateKeyPrefix;
    private readonly int _maxTracked = options.Value.MaxTrackedAddresses;
    private int _tracked;
    private int _fullWarned;

    /// <summary>Counts a request from <paramref name="address"/> through <paramref name="rule"/>; true when its window now holds more than the limit.</summary>
    public bool Add(RateRule rule, UInt128 address)
    {
        var slice = SliceOf(rule);
        var key = new RateKey(rule, address);
        if (!_counters.TryGetValue(key, out var counter))
        {
            if (Volatile.Read(ref _tracked) >= _maxTracked)
            {
                telemetry.RecordUntracked(rule.Acl, rule.Rule);
                if (Interlocked.Exchange(ref _fullWarned, 1) == 0)
                {
                    Log.TableFull(logger, _maxTracked);
                }

                return false;
            }

            counter = _counters.GetOrAdd(key, static (k, limiter) => limiter.Create(k), this);
        }

        return counter.Add(slice);
    }

    /// <summary>What <paramref name="address"/> has sent through <paramref name="rule"/> in its window, as this replica knows it.</summary>
    public long CountOf(RateRule rule, UInt128 address) =>
        _counters.TryGetValue(new RateKey(rule, address), out var counter) ? counter.Count(SliceOf(rule)) : 0;

    public int TrackedCount => Volatile.Read(ref _tracked);

    /// <summary>The counters to send to Redis now: those with unsent requests, and those whose shared total is near the limit.</summary>
    public List<RateCounter> CountersToSync()
    {
        var due = new List<RateCounter>();
        foreach (var counter in _counters.Values)
        {
            if (counter.NeedsSync(SliceOf(counter.Key.Rule)))
            {
                due.Add(counter);
            }
        }

        return due;
    }

    /// <summary>Forgets counters that hold nothing in their window any more.</summary>
    public int Sweep()
    {
        var removed = 0;
        foreach (var (key, counter) in _counters)
        {
            if (counter.IsIdle(SliceOf(key.Rule)) && _counters.TryRemove(new KeyValuePair<RateKey, RateCounter>(key, counter)))
            {
                Interlocked.Decrement(ref _tracked);
                removed++;
            }
        }

        if (removed > 0)
        {
            Volatile.Write(ref _fullWarned, 0);
        }

        return removed;
    }

    /// <summary>The slice of <paramref name="rule"/>'s window that holds the present instant.</summary>
    public long SliceOf(RateRule rule) => time.GetUtcNow().ToUnixTimeMilliseconds() / rule.SliceMilliseconds;

    private RateCounter Create(RateKey key)
    {
        Interlocked.Increment(ref _tracked);
        var address = key.Address.ToString("x32", CultureInfo.InvariantCulture);
        return new RateCounter(key, $"{_prefix}{key.Rule.Acl}:{key.Rule.Rule}:{key.Rule.WindowSeconds.ToString(CultureInfo.InvariantCulture)}:{address}");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "WAF rate-based rules: {Max} addresses are being counted; new addresses are not counted until idle ones expire (Gateway:Waf:MaxTrackedAddresses).")]
        public static partial void TableFull(ILogger logger, int max);
    }
}
