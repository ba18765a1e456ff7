namespace Platform.Gateway.Waf.Rate;

/// <summary>
/// One address's requests through one rate-based rule, in the slices of the rule's window. In embedded mode the
/// slices hold every request; with Redis they hold the requests not yet sent (<see cref="Drain"/>), and
/// <see cref="_shared"/> is the window's total across replicas as Redis last answered, which already includes what
/// this replica sent. The count a request is judged by is shared + in flight + local: never a Redis call.
/// </summary>
internal sealed class RateCounter(RateKey key, string redisKey)
{
    private readonly Lock _lock = new();
    private readonly long[] _slices = new long[RateRule.Slices];
    private long _newestSlice = long.MinValue;
    private long _local;
    private long _inFlight;
    private long _shared;
    private long _sharedSlice = long.MinValue;

    public RateKey Key { get; } = key;

    /// <summary>The key of this counter's hash in Redis, built once.</summary>
    public string RedisKey { get; } = redisKey;

    /// <summary>Counts one request at <paramref name="slice"/>; true when the window now holds more than the limit.</summary>
    public bool Add(long slice)
    {
        lock (_lock)
        {
            Advance(slice);
            _slices[slice % RateRule.Slices]++;
            _local++;
            return CountAt(slice) > Key.Rule.Limit;
        }
    }

    /// <summary>The requests counted in the window ending at <paramref name="slice"/>, as this replica knows them.</summary>
    public long Count(long slice)
    {
        lock (_lock)
        {
            Advance(slice);
            return CountAt(slice);
        }
    }

    /// <summary>True when this counter has unsent requests, or a shared total near the limit worth refreshing.</summary>
    public bool NeedsSync(long slice)
    {
        lock (_lock)
        {
            Advance(slice);
            return _local > 0 || (SharedAt(slice) * 2 >= Key.Rule.Limit);
        }
    }

    /// <summary>True when the counter holds nothing a decision could still use: it can be forgotten.</summary>
    public bool IsIdle(long slice)
    {
        lock (_lock)
        {
            Advance(slice);
            return _local == 0 && _inFlight == 0 && SharedAt(slice) == 0;
        }
    }

    /// <summary>Takes the unsent requests, as (slice, count) pairs into <paramref name="pairs"/>, and marks them in flight.</summary>
    public void Drain(List<(long Slice, long Count)> pairs)
    {
        lock (_lock)
        {
            for (var offset = RateRule.Slices - 1; offset >= 0 && _newestSlice != long.MinValue; offset--)
            {
                var slice = _newestSlice - offset;
                ref var count = ref _slices[slice % RateRule.Slices];
                if (count > 0)
                {
                    pairs.Add((slice, count));
                    count = 0;
                }
            }

            _inFlight += _local;
            _local = 0;
        }
    }

    /// <summary>Redis answered: <paramref name="total"/> is the window's count across replicas, drained requests included.</summary>
    public void Synced(long sent, long total, long slice)
    {
        lock (_lock)
        {
            _inFlight -= sent;
            _shared = total;
            _sharedSlice = slice;
        }
    }

    /// <summary>Redis did not answer: the drained requests go back to their slices (those still in the window) and are sent next time.</summary>
    public void Restore(List<(long Slice, long Count)> pairs, long sent)
    {
        lock (_lock)
        {
            _inFlight -= sent;
            foreach (var (slice, count) in pairs)
            {
                if (slice > _newestSlice - RateRule.Slices && slice <= _newestSlice)
                {
                    _slices[slice % RateRule.Slices] += count;
                    _local += count;
                }
            }
        }
    }

    private long CountAt(long slice) => _local + _inFlight + SharedAt(slice);

    /// <summary>The shared total while it is younger than a window; after that every request in it has left the window.</summary>
    private long SharedAt(long slice) => slice - _sharedSlice < RateRule.Slices ? _shared : 0;

    /// <summary>Moves the window to end at <paramref name="slice"/>: slices that left it are emptied and uncounted.</summary>
    private void Advance(long slice)
    {
        if (slice <= _newestSlice)
        {
            return;
        }

        if (_newestSlice == long.MinValue || slice - _newestSlice >= RateRule.Slices)
        {
            Array.Clear(_slices);
            _local = 0;
        }
        else
        {
            for (var s = _newestSlice + 1; s <= slice; s++)
            {
                ref var count = ref _slices[s % RateRule.Slices];
                _local -= count;
                count = 0;
            }
        }

        _newestSlice = slice;
    }
}
