using System.Net;
using Platform.Definitions;
using Platform.Definitions.Policies;
using Platform.Definitions.Responses;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Authorization.Policies;

/// <summary>
/// Evaluates an API's resource policy as IAM evaluates a resource policy on its own: an applicable <c>Deny</c>
/// refuses; otherwise an applicable <c>Allow</c> is required (no statement applying is an implicit deny). Both
/// refusals answer 403 <c>ACCESS_DENIED</c> with AWS's message naming the caller and the resource ARN.
/// </summary>
/// <remarks>
/// A statement applies when its principal, action, resource and every condition match. The caller is what the
/// route's authorizer established: an IAM access key (also matched as its user ARN), a Lambda authorizer's
/// <c>principalId</c> or a JWT's <c>sub</c>; an anonymous caller matches only <c>"*"</c>. The source IP is the
/// connection's remote address (IPv4-mapped IPv6 addresses compare as IPv4). The API key id condition reads the
/// key the request presents in <c>x-api-key</c> (or the authorizer's <c>usageIdentifierKey</c>) even on routes
/// that do not require one, since the policy runs before the usage-plan check.
/// </remarks>
internal static class ResourcePolicyEvaluator
{
    private const string Anonymous = "anonymous";
    private const string InvokeAction = "execute-api:Invoke";
    private const string InvalidateCacheAction = "execute-api:InvalidateCache";

    /// <summary>Null when the policy allows the request; otherwise the 403 to answer.</summary>
    public static GatewayError? Evaluate(HttpContext context, GatewayRequestFeature request, ResourcePolicyDefinition policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);

        var caller = new Caller(context, request);
        var arn = ExecuteApiArn.Of(context, request);
        var allowed = false;
        foreach (var statement in policy.Statements)
        {
            if (!Covers(statement, InvokeAction) || !Applies(statement, caller, arn, request.Api!.Name))
            {
                continue;
            }

            if (statement.Effect == PolicyEffect.Deny)
            {
                return Refuse(request, caller, arn, $"statement {statement.Sid ?? "(no Sid)"} denies it", " with an explicit deny");
            }

            allowed = true;
        }

        return allowed ? null : Refuse(request, caller, arn, "no statement allows it", "");
    }

    /// <summary>
    /// True when a <c>Deny</c> statement covering <c>execute-api:InvalidateCache</c> applies to the caller and the
    /// request's ARN: the response cache then ignores the caller's <c>Cache-Control: max-age=0</c>. Only an explicit
    /// deny counts; the policy's Allows govern <c>execute-api:Invoke</c>, which access control already checked. The
    /// caller is the IAM identity <paramref name="accessKeyId"/> whose SigV4 signature was verified.
    /// </summary>
    public static bool DeniesCacheInvalidation(HttpContext context, GatewayRequestFeature request, ResourcePolicyDefinition policy, string accessKeyId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(accessKeyId);

        var caller = new Caller(context, request, accessKeyId);
        var arn = ExecuteApiArn.Of(context, request);
        return policy.Statements.Any(s =>
            s.Effect == PolicyEffect.Deny && Covers(s, InvalidateCacheAction) && Applies(s, caller, arn, request.Api!.Name));
    }

    private static bool Covers(PolicyStatement statement, string action)
    {
        foreach (var named in statement.Actions)
        {
            if (named == action || named is "*" or "execute-api:*")
            {
                return true;
            }
        }

        return false;
    }

    private static GatewayError Refuse(GatewayRequestFeature request, Caller caller, string arn, string why, string suffix)
    {
        var message = $"User: {caller.PrincipalId ?? Anonymous} is not authorized to perform: execute-api:Invoke on resource: {arn}{suffix}";
        var detail = $"resource policy: {why} (caller {caller.PrincipalId ?? Anonymous}, source {caller.SourceIp?.ToString() ?? "-"}, resource {arn})";

        // REST APIs name the caller and resource as AWS does; HTTP APIs keep their fixed {"message":"Forbidden"}.
        return new GatewayError(GatewayResponseType.AccessDenied, Message: request.Api!.Protocol == ApiProtocol.Rest ? message : null, Detail: detail);
    }

    private static bool Applies(PolicyStatement statement, Caller caller, string arn, string apiId)
    {
        var principal = statement.Principals.Any(caller.Is);
        if (principal == statement.NotPrincipal)
        {
            return false;
        }

        var resource = statement.Resources.Any(pattern => pattern == "*" || ExecuteApiArn.Matches(pattern, arn, apiId));
        if (resource == statement.NotResource)
        {
            return false;
        }

        foreach (var condition in statement.Conditions)
        {
            if (!Holds(condition, caller))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(PolicyCondition condition, Caller caller)
    {
        switch (condition.Operator)
        {
            case PolicyConditionOperator.IpAddress:
                return caller.SourceIp is { } ip && condition.Networks.Any(n => n.Contains(ip));
            case PolicyConditionOperator.NotIpAddress:
                // IAM: a Not operator holds when the key is absent.
                return caller.SourceIp is not { } address || !condition.Networks.Any(n => n.Contains(address));
        }

        var value = caller.Value(condition.Key);
        return condition.Operator switch
        {
            PolicyConditionOperator.StringEquals => value is not null && condition.Values.Contains(value, StringComparer.Ordinal),
            PolicyConditionOperator.StringNotEquals => value is null || !condition.Values.Contains(value, StringComparer.Ordinal),
            PolicyConditionOperator.StringLike => value is not null && condition.Values.Any(v => ExecuteApiArn.Matches(v, value)),
            PolicyConditionOperator.StringNotLike => value is null || !condition.Values.Any(v => ExecuteApiArn.Matches(v, value)),
            _ => false,
        };
    }

    /// <summary>Who is calling, from where, with which API key: read once per evaluation, the key id only when a condition asks.</summary>
    private sealed class Caller(HttpContext context, GatewayRequestFeature request, string? iamCaller = null)
    {
        private string? _apiKeyId;
        private bool _apiKeyRead;

        public string? PrincipalId { get; } = iamCaller ?? request.Authorizer?.PrincipalId;

        public string? AccessKey { get; } = iamCaller ?? request.Authorizer?.AccessKey;

        public IPAddress? SourceIp { get; } = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped
            ? mapped.MapToIPv4()
            : context.Connection.RemoteIpAddress;

        public bool Is(string principal) =>
            principal == "*"
            || (PrincipalId is not null && principal == PrincipalId)
            || (AccessKey is not null && (principal == AccessKey || principal == AuthorizerEvents.UserArn(AccessKey)));

        public string? Value(string key) => key switch
        {
            PolicyCondition.SourceIpKey => SourceIp?.ToString(),
            PolicyCondition.PrincipalIdKey => PrincipalId,
            PolicyCondition.ApiKeyIdKey => ApiKeyId(),
            _ => null,
        };

        private string? ApiKeyId()
        {
            if (!_apiKeyRead)
            {
                _apiKeyRead = true;
                _apiKeyId = request.ApiKeyId ?? FindKeyId();
            }

            return _apiKeyId;
        }

        private string? FindKeyId()
        {
            var presented = request.Api!.Definition.ApiKeySource == Definitions.Authorization.ApiKeySource.Authorizer
                ? request.Authorizer?.UsageIdentifierKey
                : context.Request.Headers["x-api-key"].ToString();
            if (string.IsNullOrEmpty(presented))
            {
                return null;
            }

            // The usage plans' index of the snapshot: one hash and one lookup, as the usage-plan check does.
            return UsagePlans.ApiKeyIndex.For(request.Gateway.Definition).Find(presented) is { Key: { Enabled: true } key } ? key.Id : null;
        }
    }
}
