namespace Platform.Gateway.Authorization.Lambda;

/// <summary>Lambda authorizer settings of the gateway process (configuration section <c>Gateway:LambdaAuthorizers</c>).</summary>
public sealed class LambdaAuthorizerOptions
{
    public const string SectionName = "Gateway:LambdaAuthorizers";

    /// <summary>
    /// Most decisions the result cache holds, default 10,000; past it the least recently used entry is evicted.
    /// Bounds memory whatever the number of distinct tokens callers send. 0 turns the cache off everywhere.
    /// </summary>
    public int CacheCapacity { get; set; } = 10_000;
}
