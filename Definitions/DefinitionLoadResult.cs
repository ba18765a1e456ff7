using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions;

/// <summary>The outcome of <see cref="DefinitionLoader.Load"/>: the definition when every file was valid, otherwise every error.</summary>
public sealed record DefinitionLoadResult
{
    /// <summary>The merged definition; null when <see cref="Errors"/> is not empty.</summary>
    public GatewayDefinition? Definition { get; init; }

    /// <summary>Every problem found, in file order and then rule order; empty on success.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; init; } = [];

    /// <summary>The files read (directories expanded), full paths, in load order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    [MemberNotNullWhen(true, nameof(Definition))]
    public bool Succeeded => Definition is not null;
}
