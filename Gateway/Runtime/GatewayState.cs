using Platform.Definitions;

namespace Platform.Gateway.Runtime;

/// <summary>
/// Holds the live <see cref="CompiledGateway"/>. <see cref="Update"/> compiles a validated definition and swaps it
/// in with one reference write, so a request sees either the old or the new version, never a mix.
/// </summary>
public sealed class GatewayState : IDefinitionTarget
{
    private CompiledGateway _current = CompiledGateway.Empty;
    private long _version;

    public CompiledGateway Current => Volatile.Read(ref _current);

    public long Version => Current.Version;

    long IDefinitionTarget.Apply(GatewayDefinition definition) => Update(definition).Version;

    /// <summary>Compiles <paramref name="definition"/> (already validated) and makes it live.</summary>
    public CompiledGateway Update(GatewayDefinition definition)
    {
        var compiled = new CompiledGateway(definition, Interlocked.Increment(ref _version));
        Volatile.Write(ref _current, compiled);
        return compiled;
    }
}
