namespace Platform.Definitions.Drafts;

/// <summary>An authorizer as read from <c>apis.{api}.authorizers.{name}</c>.</summary>
internal sealed record AuthorizerDraft : DraftObject
{
    public required string Name { get; init; }

    public string? AuthorizerType { get; init; }

    public IReadOnlyList<string>? IdentitySource { get; init; }

    public JwtConfigurationDraft? JwtConfiguration { get; init; }

    public string? IntegrationUri { get; init; }

    public string? FunctionName { get; init; }

    public string? PayloadFormatVersion { get; init; }

    public bool? EnableSimpleResponses { get; init; }

    public int? ResultTtlInSeconds { get; init; }

    public string? IdentityValidationExpression { get; init; }

    public int? TimeoutInMillis { get; init; }
}

/// <summary><c>jwtConfiguration</c> of a JWT authorizer.</summary>
internal sealed record JwtConfigurationDraft : DraftObject
{
    public string? Issuer { get; init; }

    public IReadOnlyList<string>? Audience { get; init; }

    public string? JwksUri { get; init; }

    public IReadOnlyList<string>? SharedSecrets { get; init; }

    public int? ClockSkewSeconds { get; init; }
}
