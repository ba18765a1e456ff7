namespace Platform.Definitions;

/// <summary>
/// An integration, with AWS's field names. <see cref="IntegrationUri"/> names its target: an absolute URL whose
/// host is either a service name resolved by service discovery (<c>http://users</c>, <c>http://orders/{proxy}</c>)
/// or a real host. For <see cref="IntegrationType.AwsProxy"/> it is the service that hosts
/// <see cref="FunctionName"/>; for <see cref="IntegrationType.HttpProxy"/> it is the URL template, with
/// <c>{param}</c>, <c>{proxy}</c> and <c>${stageVariables.name}</c> substituted per request.
/// </summary>
public sealed record IntegrationDefinition
{
    public required string Name { get; init; }

    public required IntegrationType Type { get; init; }

    /// <summary>The target (see the type summary); null only for <see cref="IntegrationType.Mock"/>.</summary>
    public string? IntegrationUri { get; init; }

    /// <summary>HTTP_PROXY: the method sent to the backend; null or <c>ANY</c> sends the client's method.</summary>
    public string? IntegrationMethod { get; init; }

    /// <summary>AWS_PROXY: the function to invoke; may contain <c>${stageVariables.name}</c>.</summary>
    public string? FunctionName { get; init; }

    /// <summary>AWS_PROXY: <c>"1.0"</c> or <c>"2.0"</c>. Defaults: 2.0 for HTTP APIs, 1.0 (the only one) for REST APIs.</summary>
    public string PayloadFormatVersion { get; init; } = "2.0";

    /// <summary>Default 29,000 ms; 50 to 29,000 for REST APIs and 50 to 30,000 for HTTP APIs, as AWS.</summary>
    public int TimeoutInMillis { get; init; } = DefaultTimeoutInMillis;

    /// <summary>MOCK: the static response.</summary>
    public MockResponseDefinition? MockResponse { get; init; }

    public const int DefaultTimeoutInMillis = 29_000;

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutInMillis);
}
