namespace Platform.Definitions;

/// <summary>Options of <see cref="DefinitionMonitor"/>.</summary>
public sealed class DefinitionMonitorOptions
{
    /// <summary>
    /// How long the definition files must stay unchanged before a reload; a burst of events (an editor's
    /// save, a directory copy) gives one reload. Default 250 ms.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMilliseconds(250);
}
