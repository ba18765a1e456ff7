namespace Platform.Gateway.UsagePlans;

/// <summary>What a store decided for one request.</summary>
internal enum UsageOutcome
{
    /// <summary>Admitted: a token was taken from every bucket and the request counted against quota and usage.</summary>
    Allowed,

    /// <summary>The plan's bucket for the key is empty: 429 Too Many Requests; nothing was counted.</summary>
    PlanThrottled,

    /// <summary>The route's override bucket for the key is empty: 429 Too Many Requests; nothing was counted.</summary>
    RouteThrottled,

    /// <summary>The key used up the plan's quota for the period: 429 Limit Exceeded; nothing was counted.</summary>
    QuotaExceeded,
}
