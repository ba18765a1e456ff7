using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// The <c>$context</c> variables of AWS-REFERENCE §9, resolved from the request and its
/// <see cref="GatewayRequestFeature"/>. Templates (access logs, MOCK bodies, gateway responses) are checked against
/// this list when definitions load, so a misspelt variable is a definition error, not a silent <c>-</c>.
/// </summary>
public static class ContextVariables
{
    private static readonly Dictionary<string, Func<HttpContext, GatewayRequestFeature, string?>> Resolvers = new(StringComparer.Ordinal)
    {
        ["accountId"] = static (_, _) => AccountId,
        ["apiId"] = static (_, r) => r.Api?.Name,
        ["stage"] = static (_, r) => r.Stage?.Name,
        ["domainName"] = static (_, r) => r.DomainName,
        ["domainPrefix"] = static (_, r) => r.DomainPrefix,
        ["requestId"] = static (_, r) => r.EventRequestId,
        ["extendedRequestId"] = static (_, r) => r.ExtendedRequestId,
        ["awsEndpointRequestId"] = static (_, r) => r.RequestId,
        ["httpMethod"] = static (c, _) => c.Request.Method,
        ["path"] = static (_, r) => r.RequestPath,
        ["resourcePath"] = static (_, r) => r.Route?.Key.Path ?? r.Route?.Key.Text,
        ["routeKey"] = static (_, r) => r.RouteKeyText,
        ["protocol"] = static (c, _) => c.Request.Protocol,
        ["requestTime"] = static (_, r) => FormatClfTime(r.RequestTime),
        ["requestTimeEpoch"] = static (_, r) => r.RequestTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ["status"] = static (c, _) => c.Response.StatusCode.ToString(CultureInfo.InvariantCulture),
        ["responseLatency"] = static (_, r) => Milliseconds(Stopwatch.GetElapsedTime(r.StartTimestamp)),
        ["responseLength"] = static (_, r) => r.ResponseLength.ToString(CultureInfo.InvariantCulture),
        ["integrationLatency"] = static (_, r) => r.IntegrationLatency is { } latency ? Milliseconds(latency) : null,
        ["integrationStatus"] = static (_, r) => r.IntegrationStatus?.ToString(CultureInfo.InvariantCulture),
        ["integrationErrorMessage"] = static (_, r) => r.IntegrationErrorMessage,
        ["identity.sourceIp"] = static (c, _) => c.Connection.RemoteIpAddress?.ToString(),
        ["identity.userAgent"] = static (c, _) => c.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        ["identity.apiKey"] = static (_, r) => r.ApiKeyValue,
        ["identity.apiKeyId"] = static (_, r) => r.ApiKeyId,
        ["identity.accessKey"] = static (_, r) => r.Authorizer?.AccessKey,
        ["identity.caller"] = static (_, r) => r.Authorizer?.AccessKey,
        ["identity.user"] = static (_, r) => r.Authorizer?.AccessKey,
        ["identity.userArn"] = static (_, r) => r.Authorizer?.AccessKey is { } key ? Authorization.AuthorizerEvents.UserArn(key) : null,
        ["authorizer.principalId"] = static (_, r) => r.Authorizer?.PrincipalId,
        ["authorizer.latency"] = static (_, r) => Authorization.AuthorizerEvents.ContextVariable(r.Authorizer, "latency"),
        ["authorizer.integrationLatency"] = static (_, r) => Authorization.AuthorizerEvents.ContextVariable(r.Authorizer, "integrationLatency"),
        ["authorizer.status"] = static (c, r) => r.Route?.AuthorizationType is null or Platform.Definitions.Authorization.AuthorizationType.None ? null
            : r.Error is { } e && IsAccessError(e.Type) ? c.Response.StatusCode.ToString(CultureInfo.InvariantCulture) : "200",
        ["authorizer.error"] = static (_, r) => r.Error is { } e && IsAccessError(e.Type) ? r.Error.Detail ?? MessageOf(r, e) : null,
        ["error.message"] = static (_, r) => r.Error is { } error ? MessageOf(r, error) : null,
        ["error.messageString"] = static (_, r) => r.Error is { } error ? JsonSerializer.Serialize(MessageOf(r, error), GatewayJsonContext.Wire.String) : null,
        ["error.validationErrorString"] = static (_, r) => r.Error?.ValidationErrors,
        ["error.responseType"] = static (_, r) => r.Error is { } error ? GatewayResponseTypeNames.NameOf(error.Type) : null,
        ["customDomain.basePathMatched"] = static (_, r) => r.BasePathMatched is { Length: > 0 } key ? key : r.BasePathMatched is null ? null : "(none)",
        ["traceId"] = static (c, _) => c.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString(),
        ["cacheStatus"] = static (_, r) => r.CacheStatus,

        // The stage's web ACL (Waf.WafOutcome); none when the stage has no ACL.
        ["waf.status"] = static (_, r) => r.Waf?.Status.ToString(CultureInfo.InvariantCulture),
        ["waf.latency"] = static (_, r) => r.Waf is { } waf ? Milliseconds(waf.Latency) : null,
        ["waf.action"] = static (_, r) => r.Waf?.Action,
        ["waf.matchedRules"] = static (_, r) => r.Waf is { MatchedRules.Count: > 0 } waf ? string.Join(',', waf.MatchedRules) : null,
        ["waf.terminatingRule"] = static (_, r) => r.Waf?.TerminatingRule,
        ["wafResponseCode"] = static (_, r) => r.Waf?.ResponseCode,
        ["webaclArn"] = static (_, r) => r.Waf?.Arn,

        // WebSocket variables: the hub resolves them; an HTTP request has none.
        ["connectionId"] = static (_, _) => null,
        ["connectedAt"] = static (_, _) => null,
        ["eventType"] = static (_, _) => null,
        ["messageId"] = static (_, _) => null,
    };

    /// <summary>The account id events and ARNs carry: a fixed local id, as nothing here belongs to an AWS account.</summary>
    public const string AccountId = "000000000000";

    /// <summary>The names a template may use (without <c>$context.</c>).</summary>
    public static IEnumerable<string> Names => Resolvers.Keys;

    /// <summary>
    /// True for a fixed variable and for the open families: <c>authorizer.claims.{claim}</c> and
    /// <c>authorizer.{key}</c> (a Lambda authorizer's context key).
    /// </summary>
    public static bool IsKnown(string name) =>
        Resolvers.ContainsKey(name) || (name.StartsWith(AuthorizerPrefix, StringComparison.Ordinal) && name.Length > AuthorizerPrefix.Length);

    private const string AuthorizerPrefix = "authorizer.";

    /// <summary>The value of <c>$context.{name}</c>, or null when the request has none (logs show <c>-</c>).</summary>
    public static string? Resolve(string name, HttpContext context, GatewayRequestFeature request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return Resolvers.TryGetValue(name, out var resolve) ? resolve(context, request) : ResolveOpen(name, request);
    }

    /// <summary>Renders <paramref name="template"/>; a variable the request has no value for becomes <paramref name="missing"/>.</summary>
    public static string Render(this ContextTemplate template, HttpContext context, GatewayRequestFeature request, string missing = "-")
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = template.Parts;
        if (parts.Count == 1 && parts[0].Literal is { } only)
        {
            return only;
        }

        var builder = new StringBuilder(template.Text.Length + 64);
        foreach (var part in parts)
        {
            builder.Append(part.Literal ?? Resolve(part.Variable!, context, request) ?? missing);
        }

        return builder.ToString();
    }

    private static string? ResolveOpen(string name, GatewayRequestFeature request) =>
        name.StartsWith(AuthorizerPrefix, StringComparison.Ordinal)
            ? Authorization.AuthorizerEvents.ContextVariable(request.Authorizer, name[AuthorizerPrefix.Length..])
            : null;

    private static bool IsAccessError(GatewayResponseType type) => type is GatewayResponseType.Unauthorized or GatewayResponseType.AccessDenied
        or GatewayResponseType.AuthorizerFailure or GatewayResponseType.AuthorizerConfigurationError or GatewayResponseType.InvalidSignature
        or GatewayResponseType.ExpiredToken or GatewayResponseType.MissingAuthenticationToken;

    /// <summary>CLF time as AWS writes it: <c>25/Mar/2020:05:03:27 +0000</c>.</summary>
    public static string FormatClfTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan elapsed) =>
        ((long)Math.Round(elapsed.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private static string MessageOf(GatewayRequestFeature request, GatewayError error) =>
        error.Message ?? (request.Api?.Responses ?? Runtime.CompiledGateway.NoApiResponses).DefaultMessageOf(error.Type) ?? "";
}
