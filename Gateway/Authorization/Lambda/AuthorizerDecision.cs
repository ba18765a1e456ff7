using System.Text.Json;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// What a Lambda authorizer answered, as the result cache keeps it: either a simple response
/// (<see cref="IsAuthorized"/>, payload 2.0 with simple responses) or an IAM policy (<see cref="Statements"/>), plus
/// the principal, context and usage identifier key. It is not a verdict on one request: a policy is evaluated
/// against each request's ARN (<see cref="Evaluate"/>), so a cached Allow for <c>GET /reports/*</c> never admits
/// <c>GET /other</c>.
/// </summary>
internal sealed record AuthorizerDecision
{
    /// <summary>Simple responses: the <c>isAuthorized</c> boolean; null for policy responses.</summary>
    public bool? IsAuthorized { get; init; }

    /// <summary>Policy responses: the statements of <c>policyDocument</c>; empty for simple responses.</summary>
    public IReadOnlyList<AuthorizerPolicyStatement> Statements { get; init; } = [];

    public string? PrincipalId { get; init; }

    /// <summary>The returned <c>context</c>: strings, numbers and booleans only; null when none was returned.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Context { get; init; }

    public string? UsageIdentifierKey { get; init; }

    /// <summary>
    /// The verdict for the request whose ARN is <paramref name="arn"/>. Simple responses apply to every route of
    /// the authorizer. For a policy, IAM's rule: an explicit Deny on a matching statement wins, then any matching
    /// Allow; nothing matching is an implicit deny.
    /// </summary>
    public AuthorizerVerdict Evaluate(string arn, string apiId)
    {
        if (IsAuthorized is { } authorized)
        {
            return authorized ? AuthorizerVerdict.Allow : AuthorizerVerdict.Deny;
        }

        var allowed = false;
        foreach (var statement in Statements)
        {
            if (!statement.AppliesTo(arn, apiId))
            {
                continue;
            }

            if (!statement.IsAllow)
            {
                return AuthorizerVerdict.ExplicitDeny;
            }

            allowed = true;
        }

        return allowed ? AuthorizerVerdict.Allow : AuthorizerVerdict.ImplicitDeny;
    }
}
