namespace Platform.Definitions;

/// <summary>
/// One load of the definitions by <see cref="DefinitionMonitor"/>. <see cref="Version"/> is the version live
/// afterwards: the new one on success, the kept one on failure.
/// </summary>
public sealed record DefinitionReloadResult(bool Succeeded, long Version, IReadOnlyList<DefinitionError> Errors);
