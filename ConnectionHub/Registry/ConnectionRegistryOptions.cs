namespace Platform.ConnectionHub.Registry;

/// <summary>
/// The connection registry's settings, from the configuration section <see cref="SectionName"/>. Only the Redis
/// registry reads them; the embedded mode's in-memory registry has no replicas to watch.
/// </summary>
public sealed class ConnectionRegistryOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "ConnectionHub:Registry";

    /// <summary>
    /// Prefix of every Redis key and channel the registry uses. Default <c>hub:</c>. Replicas that should see each
    /// other's connections must share it.
    /// </summary>
    public string KeyPrefix { get; set; } = "hub:";

    /// <summary>
    /// Lifetime of a replica's heartbeat key, rewritten every third of it. A replica whose key has expired is dead:
    /// calls to its connections answer Gone and the janitors of the others claim them. Default 15 seconds.
    /// </summary>
    public TimeSpan HeartbeatTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often each replica looks for dead replicas and claims their connections. Default null, meaning a third
    /// of <see cref="HeartbeatTtl"/>.
    /// </summary>
    public TimeSpan? JanitorInterval { get; set; }

    /// <summary>The heartbeat period: a third of <see cref="HeartbeatTtl"/>, so two lost writes in a row are survived.</summary>
    internal TimeSpan HeartbeatInterval => HeartbeatTtl / 3;

    /// <summary><see cref="JanitorInterval"/>, or its default.</summary>
    internal TimeSpan EffectiveJanitorInterval => JanitorInterval ?? HeartbeatTtl / 3;
}
