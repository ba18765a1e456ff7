namespace Platform.Definitions;

/// <summary>A stage: its variables and its access-log settings.</summary>
public sealed record StageDefinition
{
    /// <summary>The stage name; <c>$default</c> is served without a path prefix.</summary>
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The access-log <c>$context</c> template; null writes no access log for the stage.</summary>
    public string? AccessLogFormat { get; init; }

    /// <summary>The web ACL (<see cref="GatewayDefinition.WebAcls"/>) inspecting every request of the stage; null for none.</summary>
    public string? WebAcl { get; init; }

    public const string DefaultStageName = "$default";

    public bool IsDefault => Name == DefaultStageName;
}
