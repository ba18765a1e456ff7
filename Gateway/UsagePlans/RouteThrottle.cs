using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// A plan's throttle override for one route of one API stage. <see cref="BucketId"/> names its bucket (with the
/// plan and key) in a store: <c>api</c>, <c>stage</c> and route key, escaped so no two routes share one.
/// </summary>
internal sealed record RouteThrottle(string BucketId, ThrottleSettings Settings);
