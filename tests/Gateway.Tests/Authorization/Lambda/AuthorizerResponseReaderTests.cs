using System.Text;
using System.Text.Json;
using Platform.Gateway.Authorization.Lambda;

namespace Platform.Gateway.Tests.Authorization.Lambda;

public sealed class AuthorizerResponseReaderTests
{
    [Theory]
    [InlineData("""{"isAuthorized": true}""", true)]
    [InlineData("""{"isAuthorized": false}""", false)]
    [InlineData("""{"isAuthorized": true, "context": null}""", true)]
    [InlineData("""{"isAuthorized": false, "context": {"a": "b"}}""", false)]
    public void SimpleResponse_BooleanIsAuthorized_IsTheDecision(string json, bool expected)
    {
        Assert.True(AuthorizerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), simple: true, out var decision, out var failure), failure);

        Assert.Equal(expected, decision.IsAuthorized);
        Assert.Empty(decision.Statements);
    }

    // Our choice (documented on AuthorizerResponseReader): anything but a JSON boolean is malformed, so it never allows.
    [Theory]
    [InlineData("""{"isAuthorized": "false"}""", "string")]
    [InlineData("""{"isAuthorized": "true"}""", "string")]
    [InlineData("""{"isAuthorized": 1}""", "number")]
    [InlineData("""{"isAuthorized": null}""", "null")]
    [InlineData("""{"isAuthorized": {"value": true}}""", "object")]
    [InlineData("""{"context": {"a": "b"}}""", "no isAuthorized")]
    [InlineData("""{"isAuthorized": true, "context": {"nested": {"a": 1}}}""", "context value 'nested' is a JSON object")]
    [InlineData("""{"isAuthorized": true, "context": {"list": [1, 2]}}""", "context value 'list' is a JSON array")]
    [InlineData("""{"isAuthorized": true, "context": "text"}""", "context is a JSON string")]
    [InlineData("""[{"isAuthorized": true}]""", "JSON array, not an object")]
    [InlineData("\"Allow\"", "JSON string, not an object")]
    [InlineData("true", "JSON boolean, not an object")]
    [InlineData("{\"isAuthorized\": tru", "not JSON")]
    [InlineData("", "not JSON")]
    public void SimpleResponse_Malformed_IsRejectedWithTheReason(string json, string reason)
    {
        Assert.False(AuthorizerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), simple: true, out var decision, out var failure));

        Assert.Null(decision);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_StringsNumbersBooleans_KeptAsJsonAndNullsDropped()
    {
        const string json = """{"isAuthorized": true, "context": {"user": "alice", "count": 7, "ratio": 0.5, "admin": true, "off": false, "gone": null}}""";

        Assert.True(AuthorizerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), simple: true, out var decision, out var failure), failure);

        var context = decision.Context!;
        Assert.Equal(["admin", "count", "off", "ratio", "user"], context.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("alice", context["user"].GetString());
        Assert.Equal(7, context["count"].GetInt32());
        Assert.Equal("0.5", context["ratio"].GetRawText());
        Assert.Equal(JsonValueKind.True, context["admin"].ValueKind);
        Assert.Equal(JsonValueKind.False, context["off"].ValueKind);
    }

    [Fact]
    public void Policy_StatementArrayWithArrays_ReadWithPrincipalContextAndUsageKey()
    {
        const string json = """
            {"principalId": "alice", "usageIdentifierKey": "key-0123456789abcdefghij",
             "policyDocument": {"Version": "2012-10-17", "Statement": [
               {"Effect": "Allow", "Action": ["execute-api:Invoke"], "Resource": ["arn:a", "arn:b"]},
               {"Effect": "Deny", "Action": "execute-api:*", "Resource": "arn:c"}]},
             "context": {"tier": "gold"}}
            """;

        Assert.True(AuthorizerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), simple: false, out var decision, out var failure), failure);

        Assert.Null(decision.IsAuthorized);
        Assert.Equal("alice", decision.PrincipalId);
        Assert.Equal("key-0123456789abcdefghij", decision.UsageIdentifierKey);
        Assert.Equal("gold", decision.Context!["tier"].GetString());
        Assert.Collection(decision.Statements,
            s =>
            {
                Assert.True(s.IsAllow);
                Assert.Equal(["execute-api:Invoke"], s.Actions);
                Assert.Equal(["arn:a", "arn:b"], s.Resources);
            },
            s =>
            {
                Assert.False(s.IsAllow);
                Assert.Equal(["execute-api:*"], s.Actions);
                Assert.Equal(["arn:c"], s.Resources);
            });
    }

    [Fact]
    public void Policy_SingleStatementObjectWithoutPrincipal_Read()
    {
        const string json = """{"policyDocument": {"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}}""";

        Assert.True(AuthorizerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), simple: false, out var decision, out var failure), failure);

        Assert.Null(decision.PrincipalId);
        Assert.Null(decision.Context);
        var statement = Assert.Single(decision.Statements);
        Assert.Equal(["*"], statement.Resources);
    }

    [Fact]
    public void Policy_EmptyStatementArray_IsAPolicyThatAllowsNothing()
    {
        Assert.True(AuthorizerResponseReader.TryRead("""{"principalId": "p", "policyDocument": {"Statement": []}}"""u8.ToArray(), simple: false, out var decision, out var failure), failure);

        Assert.Empty(decision.Statements);
        Assert.Equal(AuthorizerVerdict.ImplicitDeny, decision.Evaluate("arn:aws:execute-api:us-east-1:000000000000:shop/prod/GET/", "shop"));
    }

    [Theory]
    [InlineData("""{"principalId": "p"}""", "no policyDocument")]
    [InlineData("""{"principalId": "p", "policyDocument": "Allow"}""", "no policyDocument")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Version": "2012-10-17"}}""", "no Statement")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": ["Allow"]}}""", "statement is a JSON string")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Effect": "allow", "Action": "execute-api:Invoke", "Resource": "*"}}}""", "Effect must be")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Action": "execute-api:Invoke", "Resource": "*"}}}""", "not missing")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Effect": "Allow", "Resource": "*"}}}""", "no Action")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke"}}}""", "no Resource")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": []}}}""", "non-empty array")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": [7]}}}""", "Resource holds a JSON number")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": {"Effect": "Allow", "Action": 5, "Resource": "*"}}}""", "Action must be")]
    [InlineData("""{"principalId": 42, "policyDocument": {"Statement": []}}""", "principalId is a JSON number")]
    [InlineData("""{"principalId": "p", "usageIdentifierKey": true, "policyDocument": {"Statement": []}}""", "usageIdentifierKey is a JSON boolean")]
    [InlineData("""{"principalId": "p", "policyDocument": {"Statement": []}, "context": {"o": {}}}""", "context value 'o' is a JSON object")]
    [InlineData("""{"isAuthorized": true}""", "no policyDocument")]
    public void Policy_Malformed_IsRejectedWithTheReason(string json, string reason)
    {
        Assert.False(AuthorizerResponseReader.TryRead(Encoding.UTF8.GetBytes(json), simple: false, out var decision, out var failure));

        Assert.Null(decision);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }
}
