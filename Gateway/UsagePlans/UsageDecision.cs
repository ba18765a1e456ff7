namespace Platform.Gateway.UsagePlans;

/// <summary>
/// A store's answer. <paramref name="RemainingQuota"/> is what the key may still use in the period after this
/// request (null when the plan has no quota); <paramref name="RetryAfter"/> is when the empty bucket holds a token
/// again (null when the request was not throttled, or the bucket never refills).
/// </summary>
internal readonly record struct UsageDecision(UsageOutcome Outcome, long? RemainingQuota, TimeSpan? RetryAfter)
{
    public bool Allowed => Outcome == UsageOutcome.Allowed;
}
