using Platform.Gateway.Authorization.Policies;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// One statement of the IAM policy a Lambda authorizer returned: its effect, actions and resources (each given as
/// a string or an array in the response). Resources are execute-api ARN patterns with IAM wildcards.
/// </summary>
internal sealed record AuthorizerPolicyStatement(bool IsAllow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    private const string InvokeAction = "execute-api:invoke";

    /// <summary>True when the statement speaks about invoking <paramref name="arn"/>: an action matching <c>execute-api:Invoke</c> and a resource matching the ARN.</summary>
    public bool AppliesTo(string arn, string apiId) =>
        Actions.Any(static action => ExecuteApiArn.Matches(action.ToLowerInvariant(), InvokeAction))
        && Resources.Any(resource => ExecuteApiArn.Matches(resource, arn, apiId));
}
