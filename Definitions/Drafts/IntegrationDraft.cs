namespace Platform.Definitions.Drafts;

/// <summary>An integration as read from <c>apis.{api}.integrations.{name}</c>.</summary>
internal sealed record IntegrationDraft : DraftObject
{
    public required string Name { get; init; }

    public string? IntegrationType { get; init; }

    public string? IntegrationUri { get; init; }

    public string? IntegrationMethod { get; init; }

    public string? FunctionName { get; init; }

    public string? PayloadFormatVersion { get; init; }

    public int? TimeoutInMillis { get; init; }

    public MockResponseDraft? MockResponse { get; init; }

    /// <summary>The type when it is a known one; type-specific rules skip an integration without one.</summary>
    public Definitions.IntegrationType? KnownType => IntegrationType switch
    {
        "AWS_PROXY" => Definitions.IntegrationType.AwsProxy,
        "HTTP_PROXY" => Definitions.IntegrationType.HttpProxy,
        "MOCK" => Definitions.IntegrationType.Mock,
        _ => null,
    };
}
