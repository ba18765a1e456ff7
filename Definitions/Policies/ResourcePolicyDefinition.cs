using System.Net;

namespace Platform.Definitions.Policies;

/// <summary>
/// An API's resource policy (<c>apis.{api}.policy</c>), IAM policy JSON as AWS writes it. When an API has one, a
/// request must be allowed by some statement and denied by none; an explicit deny wins (AWS-REFERENCE §5).
/// </summary>
public sealed record ResourcePolicyDefinition
{
    public IReadOnlyList<PolicyStatement> Statements { get; init; } = [];
}

public enum PolicyEffect
{
    Allow,
    Deny,
}

/// <summary>
/// One statement. <see cref="Principals"/> <c>*</c> matches every caller; other entries match the authenticated
/// caller: an IAM access key id (or its <c>arn:aws:iam::{account}:user/{key}</c>), a Lambda authorizer's
/// <c>principalId</c> or a JWT's <c>sub</c>. <see cref="Resources"/> are execute-api ARNs with <c>*</c>/<c>?</c>
/// wildcards; <c>execute-api:/{stage}/{METHOD}/{path}</c> is shorthand for this API's ARN.
/// </summary>
public sealed record PolicyStatement
{
    public string? Sid { get; init; }

    public required PolicyEffect Effect { get; init; }

    public IReadOnlyList<string> Principals { get; init; } = ["*"];

    /// <summary>True for <c>NotPrincipal</c>: the statement applies to callers not listed.</summary>
    public bool NotPrincipal { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = ["execute-api:Invoke"];

    public IReadOnlyList<string> Resources { get; init; } = ["execute-api:/*"];

    /// <summary>True for <c>NotResource</c>.</summary>
    public bool NotResource { get; init; }

    /// <summary>All must hold for the statement to apply.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];
}

/// <summary>The condition operators a resource policy may use.</summary>
public enum PolicyConditionOperator
{
    IpAddress,
    NotIpAddress,
    StringEquals,
    StringNotEquals,
    StringLike,
    StringNotLike,
}

/// <summary>
/// One condition: <c>{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8"]}}</c> (CIDR, IPv4 or IPv6) or a string operator
/// on <c>execute-api:ApiKeyId</c>, <c>aws:PrincipalId</c> or <c>aws:SourceIp</c>.
/// </summary>
public sealed record PolicyCondition
{
    public required PolicyConditionOperator Operator { get; init; }

    public required string Key { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The parsed networks of an IP operator's values.</summary>
    public IReadOnlyList<IPNetwork> Networks { get; init; } = [];

    public const string SourceIpKey = "aws:SourceIp";
    public const string ApiKeyIdKey = "execute-api:ApiKeyId";
    public const string PrincipalIdKey = "aws:PrincipalId";
}
