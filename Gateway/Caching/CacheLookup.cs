using Platform.Gateway.Responses;

namespace Platform.Gateway.Caching;

/// <summary>
/// What the cache made of a request, for the pipeline: <see cref="Served"/> from the cache (the response is written),
/// refused (<see cref="Refusal"/>, an unauthorized <c>Cache-Control: max-age=0</c> under FAIL_WITH_403), or to be
/// served by the integration — with a <see cref="Fill"/> copying its response into the cache, or without one when
/// the store is unavailable.
/// </summary>
internal readonly record struct CacheLookup(bool Served, GatewayError? Refusal, CacheFill? Fill)
{
    public static CacheLookup Hit { get; } = new(true, null, null);

    public static CacheLookup PassThrough { get; } = new(false, null, null);

    public static CacheLookup Refused(GatewayError refusal) => new(false, refusal, null);

    public static CacheLookup Fetch(CacheFill fill) => new(false, null, fill);
}
