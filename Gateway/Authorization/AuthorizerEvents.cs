using System.Globalization;
using System.Text.Json;
using Platform.Functions;

namespace Platform.Gateway.Authorization;

/// <summary>
/// An <see cref="AuthorizerResult"/> in the shapes AWS gives it to integrations: payload 1.0
/// <c>requestContext.authorizer</c> (Lambda: <c>principalId</c>, <c>integrationLatency</c> and the context's keys;
/// JWT: <c>claims</c> and <c>scopes</c>), payload 2.0 <c>jwt</c>/<c>lambda</c>/<c>iam</c>, the WebSocket
/// events' <c>authorizer</c>, and <c>$context.authorizer.*</c>.
/// </summary>
public static class AuthorizerEvents
{
    /// <summary>The IAM user ARN the platform gives a verified access key.</summary>
    public static string UserArn(string accessKey) => $"arn:aws:iam::{Pipeline.ContextVariables.AccountId}:user/{accessKey}";

    /// <summary>Payload 1.0 <c>requestContext.authorizer</c>; null for IAM callers (they appear in <c>identity</c>).</summary>
    public static Dictionary<string, JsonElement>? V1(AuthorizerResult? result)
    {
        switch (result?.Kind)
        {
            case AuthorizerKind.Lambda:
                return LambdaMap(result);
            case AuthorizerKind.Jwt:
                var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
                {
                    ["claims"] = JsonSerializer.SerializeToElement(result.Claims ?? new Dictionary<string, string>(), GatewayJsonContext.Wire.IReadOnlyDictionaryStringString),
                };
                if (result.Scopes is { } scopes)
                {
                    map["scopes"] = JsonSerializer.SerializeToElement(scopes, GatewayJsonContext.Wire.IReadOnlyListString);
                }

                return map;
            default:
                return null;
        }
    }

    /// <summary>Payload 2.0 <c>requestContext.authorizer</c>.</summary>
    public static APIGatewayHttpApiV2Authorizer? V2(AuthorizerResult? result) => result?.Kind switch
    {
        AuthorizerKind.Jwt => new APIGatewayHttpApiV2Authorizer
        {
            Jwt = new APIGatewayHttpApiV2JwtDescription
            {
                Claims = result.Claims?.ToDictionary(static c => c.Key, static c => JsonSerializer.SerializeToElement(c.Value, GatewayJsonContext.Wire.String), StringComparer.Ordinal)
                    ?? [],
                Scopes = result.Scopes is { } scopes ? [.. scopes] : null,
            },
        },
        AuthorizerKind.Lambda => new APIGatewayHttpApiV2Authorizer
        {
            Lambda = result.Context?.ToDictionary(static c => c.Key, static c => c.Value, StringComparer.Ordinal) ?? [],
        },
        AuthorizerKind.Iam => new APIGatewayHttpApiV2Authorizer
        {
            Iam = new APIGatewayHttpApiV2IamDescription
            {
                AccessKey = result.AccessKey,
                AccountId = Pipeline.ContextVariables.AccountId,
                CallerId = result.AccessKey,
                UserArn = result.AccessKey is { } key ? UserArn(key) : null,
                UserId = result.AccessKey,
            },
        },
        _ => null,
    };

    /// <summary>The WebSocket events' <c>requestContext.authorizer</c> for a connection admitted by <paramref name="result"/>, as UTF-8 JSON.</summary>
    public static byte[] WebSocketJson(AuthorizerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var map = result.Kind == AuthorizerKind.Lambda ? LambdaMap(result) : V1(result) ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (result.Kind == AuthorizerKind.Iam && result.PrincipalId is { } principal)
        {
            map["principalId"] = JsonSerializer.SerializeToElement(principal, GatewayJsonContext.Wire.String);
        }

        return JsonSerializer.SerializeToUtf8Bytes(map, GatewayJsonContext.Wire.DictionaryStringJsonElement);
    }

    /// <summary>
    /// <c>$context.authorizer.{name}</c>: <c>principalId</c>, <c>latency</c>/<c>integrationLatency</c>,
    /// <c>claims.{claim}</c> (JWT), <c>scopes</c>, or a key of a Lambda authorizer's context. Null when absent.
    /// </summary>
    public static string? ContextVariable(AuthorizerResult? result, string name)
    {
        if (result is null)
        {
            return null;
        }

        if (name.StartsWith("claims.", StringComparison.Ordinal))
        {
            return result.Claims?.GetValueOrDefault(name["claims.".Length..]);
        }

        switch (name)
        {
            case "principalId":
                return result.PrincipalId;
            case "latency":
            case "integrationLatency":
                return ((long)Math.Round(result.Latency.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            case "scopes":
                return result.Scopes is { } scopes ? string.Join(' ', scopes) : null;
            default:
                break;
        }

        if (result.Context?.TryGetValue(name, out var value) == true)
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }

        return null;
    }

    private static Dictionary<string, JsonElement> LambdaMap(AuthorizerResult result)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (result.Context is { } context)
        {
            foreach (var (key, value) in context)
            {
                map[key] = value;
            }
        }

        if (result.PrincipalId is { } principal)
        {
            map["principalId"] = JsonSerializer.SerializeToElement(principal, GatewayJsonContext.Wire.String);
        }

        map["integrationLatency"] = JsonSerializer.SerializeToElement((long)Math.Round(result.Latency.TotalMilliseconds), GatewayJsonContext.Wire.Int64);
        return map;
    }
}
