namespace Platform.Definitions;

/// <summary>
/// Where <see cref="DefinitionMonitor"/> delivers each validated definition: the process's runtime state (the
/// gateway's compiled route tables, the hub's WebSocket APIs), which compiles it and swaps it in at once.
/// </summary>
public interface IDefinitionTarget
{
    /// <summary>The live version; 0 before the first load.</summary>
    long Version { get; }

    /// <summary>Compiles <paramref name="definition"/> (already validated), makes it live and returns its version.</summary>
    long Apply(GatewayDefinition definition);
}
