using Platform.Definitions.UsagePlans;

namespace Platform.Gateway.Throttling;

/// <summary>
/// Where token buckets live: Redis (shared by the replicas) or this process (embedded mode). A take asks for up to
/// <c>want</c> tokens and gets what the bucket holds, at once and atomically.
/// </summary>
internal interface IThrottleStore
{
    /// <summary>True when other replicas share the buckets, so tokens are leased in batches (see <see cref="ThrottleLease"/>).</summary>
    bool IsShared { get; }

    /// <summary>Takes up to <paramref name="want"/> whole tokens from the bucket; throws when the store cannot be reached.</summary>
    ValueTask<ThrottleGrant> TakeAsync(string bucket, ThrottleSettings limits, int want);
}

/// <summary>Tokens granted (0 to the wanted count) and, when the bucket is left without a whole token, how long until it has one (null: never).</summary>
internal readonly record struct ThrottleGrant(int Granted, TimeSpan? NextToken);
