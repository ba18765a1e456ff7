namespace Platform.Samples;

/// <summary>The sample functions' settings, configuration section <c>Samples</c>; checked at startup.</summary>
public sealed class SamplesOptions
{
    public const string SectionName = "Samples";

    /// <summary>The longest <see cref="SlowDelay"/>: 15 minutes, Lambda's longest function timeout.</summary>
    public static readonly TimeSpan MaxSlowDelay = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long <c>slow</c> waits before it answers (<c>Samples:SlowDelay</c>, a TimeSpan such as <c>00:00:03</c>).
    /// Default 3 seconds: longer than the 1 second timeout of the sample integration in front of it, so that
    /// calls through the gateway show a timeout. 0 to <see cref="MaxSlowDelay"/>.
    /// </summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(3);
}
