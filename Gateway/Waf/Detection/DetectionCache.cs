using System.Collections.Concurrent;

namespace Platform.Gateway.Waf.Detection;

/// <summary>
/// Remembers a detector's verdicts on recent values, because most header values repeat on every request of a client
/// (its User-Agent, Accept, Accept-Language): a repeated value costs one hash lookup of its characters instead of a
/// decode and a scan. Only values that pass the detector's cheap pre-filter and are at most <see cref="MaxLength"/>
/// long are remembered; lookups take the value as a span and allocate nothing, a new entry allocates its string. At
/// <see cref="Capacity"/> entries the cache starts over, so values cycled by an attacker cost memory only up to the
/// bound and push nothing out for long.
/// </summary>
internal sealed class DetectionCache
{
    public const int Capacity = 2048;
    public const int MaxLength = 512;

    private readonly ConcurrentDictionary<string, bool> _verdicts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _sqlInjection;
    private int _count;

    private DetectionCache(bool sqlInjection)
    {
        _sqlInjection = sqlInjection;
        _lookup = _verdicts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static DetectionCache ForSqlInjection() => new(sqlInjection: true);

    public static DetectionCache ForCrossSiteScripting() => new(sqlInjection: false);

    /// <summary>The detector's verdict on <paramref name="value"/> (raw), remembered.</summary>
    public bool IsAttack(ReadOnlySpan<char> value)
    {
        var suspicious = _sqlInjection ? SqlInjectionDetector.MayContainInjection(value) : CrossSiteScriptingDetector.MayContainAttack(value);
        if (!suspicious)
        {
            return false;
        }

        if (value.Length > MaxLength)
        {
            return Detect(value);
        }

        if (_lookup.TryGetValue(value, out var known))
        {
            return known;
        }

        var verdict = Detect(value);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _verdicts.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        _lookup.TryAdd(value, verdict);
        return verdict;
    }

    public int Count => _verdicts.Count;

    private bool Detect(ReadOnlySpan<char> value) =>
        _sqlInjection ? SqlInjectionDetector.IsInjection(value) : CrossSiteScriptingDetector.IsAttack(value);
}
