using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.UsagePlans;

/// <summary>
/// What one request asks of a <see cref="IUsagePlanStore"/>: take a token from the plan's bucket (per key) and from
/// the route's override bucket if there is one, count it against the quota, and count it in the day's usage — all
/// or nothing.
/// </summary>
/// <param name="PlanId">The usage plan's name.</param>
/// <param name="KeyId">The API key's id.</param>
/// <param name="PlanThrottle">The plan's per-key throttle; null for none.</param>
/// <param name="Route">The route's throttle override (its bucket is still per key); null for none.</param>
/// <param name="Quota">The plan's per-key quota; null for none.</param>
/// <param name="Now">The request's time: buckets refill by it, and it picks the quota period and the usage day.</param>
internal sealed record UsageCharge(
    string PlanId,
    string KeyId,
    ThrottleSettings? PlanThrottle,
    RouteThrottle? Route,
    QuotaSettings? Quota,
    DateTimeOffset Now)
{
    /// <summary>The UTC day the request counts on in the usage report.</summary>
    public DateOnly Day => DateOnly.FromDateTime(Now.UtcDateTime);
}
