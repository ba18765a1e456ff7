using System.Text.Json.Serialization;

namespace Platform.Authorizer.Functions;

/// <summary>What the authorizer tells the integration about the caller: <c>context</c> of both response shapes.</summary>
public sealed record CallerContext(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("scopes")] string Scopes);

/// <summary>The payload 2.0 simple response: <c>{"isAuthorized": bool, "context": {...}}</c>.</summary>
public sealed record SimpleResponse(
    [property: JsonPropertyName("isAuthorized")] bool IsAuthorized,
    [property: JsonPropertyName("context")] CallerContext Context);

/// <summary>The IAM policy response of payload 1.0, TOKEN and WebSocket authorizers.</summary>
public sealed record PolicyResponse(
    [property: JsonPropertyName("principalId")] string PrincipalId,
    [property: JsonPropertyName("policyDocument")] PolicyDocument PolicyDocument,
    [property: JsonPropertyName("context")] CallerContext Context);

public sealed record PolicyDocument(
    [property: JsonPropertyName("Version")] string Version,
    [property: JsonPropertyName("Statement")] IReadOnlyList<PolicyStatement> Statement);

public sealed record PolicyStatement(
    [property: JsonPropertyName("Action")] string Action,
    [property: JsonPropertyName("Effect")] string Effect,
    [property: JsonPropertyName("Resource")] string Resource);

[JsonSerializable(typeof(SimpleResponse))]
[JsonSerializable(typeof(PolicyResponse))]
internal sealed partial class AuthorizerJsonContext : JsonSerializerContext;
