namespace Platform.Gateway.UsagePlans;

/// <summary>
/// Where usage-plan state lives: token buckets, quota counters and daily usage, per plan and key. The Redis store
/// shares it between gateway replicas; the in-memory store (embedded mode) keeps it in this process. Both decide
/// with the same arithmetic (<see cref="TokenBucket"/>, <see cref="QuotaWindow"/>), atomically per request.
/// </summary>
internal interface IUsagePlanStore
{
    /// <summary>"memory" or "redis", for spans and metrics.</summary>
    string Name { get; }

    /// <summary>
    /// Decides <paramref name="charge"/> and, only when it is allowed, takes the tokens and counts the request
    /// against the quota and the day's usage. A rejected request changes nothing. The in-memory store decides at
    /// once; the Redis store bounds its wait by <see cref="UsagePlanOptions.StoreTimeout"/> rather than by
    /// <paramref name="cancellationToken"/>, since a charge already sent runs anyway.
    /// </summary>
    ValueTask<UsageDecision> ChargeAsync(UsageCharge charge, CancellationToken cancellationToken);

    /// <summary>
    /// Requests counted per day for each of <paramref name="keyIds"/> in plan <paramref name="planId"/>, from
    /// <paramref name="first"/> for <paramref name="days"/> days: one array per key, one entry per day.
    /// </summary>
    Task<long[][]> ReadUsageAsync(string planId, IReadOnlyList<string> keyIds, DateOnly first, int days, CancellationToken cancellationToken);
}
