namespace Platform.Definitions.Drafts;

/// <summary>A stage as read from <c>apis.{api}.stages.{name}</c>.</summary>
internal sealed record StageDraft : DraftObject
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>accessLogSettings.format</c>.</summary>
    public string? AccessLogFormat { get; init; }

    /// <summary>The name of the web ACL inspecting the stage's requests.</summary>
    public string? WebAcl { get; init; }

    public string AccessLogFormatKey => Loading.JsonPath.Property(KeyOf(DefinitionProperties.AccessLogSettings), DefinitionProperties.Format);
}
