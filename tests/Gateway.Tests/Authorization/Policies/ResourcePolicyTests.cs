using System.Net;
using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Definitions.Responses;
using Platform.Gateway.Authorization;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;

namespace Platform.Gateway.Tests.Authorization.Policies;

/// <summary>Resource policies as IAM evaluates them: CIDR tables (IPv4, IPv6, mapped), principals, API keys, resources, deny wins.</summary>
public sealed class ResourcePolicyTests
{
    private const string KeyValue = "partner-key-0123456789abcdef";

    private static (CompiledGateway Gateway, CompiledApi Api) Load(string statements, string protocol = "HTTP")
    {
        var json = """
            {"apis": {"a": {"protocol": "PROTOCOL",
              "routes": {"GET /reports/{proxy+}": {"integration": "i"}, "POST /orders": {"integration": "i"}},
              "integrations": {"i": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200}}},
              "stages": {"prod": {}},
              "policy": {"Version": "2012-10-17", "Statement": STATEMENTS}}},
             "usagePlans": {"p": {"apiStages": [{"api": "a", "stage": "prod"}]}},
             "apiKeys": {"partner": {"value": "KEY", "usagePlans": ["p"]}}}
            """.Replace("PROTOCOL", protocol, StringComparison.Ordinal).Replace("STATEMENTS", statements, StringComparison.Ordinal).Replace("KEY", KeyValue, StringComparison.Ordinal);
        var result = DefinitionLoader.LoadText([("test.json", json)]);
        Assert.Empty(result.Errors);
        var gateway = new CompiledGateway(result.Definition!, 1);
        return (gateway, gateway.Apis["a"]);
    }

    private static Platform.Gateway.Responses.GatewayError? Evaluate(string statements, string ip, string method = "GET", string path = "/reports/daily",
        string? principal = null, string? accessKey = null, string? apiKey = null, string protocol = "HTTP")
    {
        var (gateway, api) = Load(statements, protocol);
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        if (apiKey is not null)
        {
            context.Request.Headers["x-api-key"] = apiKey;
        }

        var request = new GatewayRequestFeature
        {
            RequestId = "r",
            ExtendedRequestId = "e",
            RequestTime = DateTimeOffset.UtcNow,
            StartTimestamp = 0,
            Gateway = gateway,
            RequestPath = path,
            DomainName = "localhost",
            Api = api,
            Stage = api.Definition.Stages["prod"],
            RoutePath = path,
            Route = api.Definition.Routes[0],
            Authorizer = principal is null && accessKey is null ? null : new AuthorizerResult
            {
                Kind = accessKey is null ? AuthorizerKind.Lambda : AuthorizerKind.Iam,
                PrincipalId = principal ?? accessKey,
                AccessKey = accessKey,
            },
        };
        return ResourcePolicyEvaluator.Evaluate(context, request, api.Definition.Policy!);
    }

    private const string AllowAll = """{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}""";

    private static string DenyUnless(string operatorName, string cidrs) =>
        "[" + AllowAll + """, {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {""" + "\"" + operatorName + "\": {\"aws:SourceIp\": " + cidrs + "}}}]";

    public static TheoryData<string, string, bool> CidrTable => new()
    {
        // Allow-list: deny everything NOT in the blocks.
        { DenyUnless("NotIpAddress", """["10.0.0.0/8", "192.168.1.0/24"]"""), "10.1.2.3", true },
        { DenyUnless("NotIpAddress", """["10.0.0.0/8", "192.168.1.0/24"]"""), "10.255.255.255", true },
        { DenyUnless("NotIpAddress", """["10.0.0.0/8", "192.168.1.0/24"]"""), "11.0.0.0", false },
        { DenyUnless("NotIpAddress", """["10.0.0.0/8", "192.168.1.0/24"]"""), "192.168.1.200", true },
        { DenyUnless("NotIpAddress", """["10.0.0.0/8", "192.168.1.0/24"]"""), "192.168.2.1", false },
        { DenyUnless("NotIpAddress", """["10.0.0.0/8"]"""), "::ffff:10.0.0.1", true },
        { DenyUnless("NotIpAddress", """["10.0.0.0/8"]"""), "2001:db8::1", false },
        { DenyUnless("NotIpAddress", """["2001:db8::/32"]"""), "2001:db8:ffff::1", true },
        { DenyUnless("NotIpAddress", """["2001:db8::/32"]"""), "2001:db9::1", false },
        { DenyUnless("NotIpAddress", """["::1"]"""), "::1", true },
        { DenyUnless("NotIpAddress", """["203.0.113.7"]"""), "203.0.113.7", true },
        { DenyUnless("NotIpAddress", """["203.0.113.7"]"""), "203.0.113.8", false },
        { DenyUnless("NotIpAddress", """["0.0.0.0/0"]"""), "198.51.100.1", true },
        // Block-list: deny what IS in the blocks.
        { DenyUnless("IpAddress", """["198.51.100.0/24"]"""), "198.51.100.99", false },
        { DenyUnless("IpAddress", """["198.51.100.0/24"]"""), "198.51.101.1", true },
        { DenyUnless("IpAddress", """["fe80::/10"]"""), "fe80::1234", false },
        { DenyUnless("IpAddress", """["fe80::/10"]"""), "fec0::1", true },
        { DenyUnless("IpAddress", "\"127.0.0.0/8\""), "127.0.0.1", false },
    };

    [Theory]
    [MemberData(nameof(CidrTable))]
    public void SourceIp_CidrTable(string statements, string ip, bool allowed) =>
        Assert.Equal(allowed, Evaluate(statements, ip) is null);

    [Fact]
    public void NoStatementApplies_ImplicitDeny()
    {
        var statements = """[{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/POST/orders"}]""";

        Assert.Null(Evaluate(statements, "10.0.0.1", "POST", "/orders"));
        var error = Evaluate(statements, "10.0.0.1", "GET", "/reports/daily");

        Assert.NotNull(error);
        Assert.Equal(GatewayResponseType.AccessDenied, error.Type);
        Assert.Contains("no statement allows it", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Deny_WinsOverAllow_RestBodyNamesCallerAndResource()
    {
        var statements = $$"""[{{AllowAll}}, {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:a/*/GET/reports/*"}]""";

        var error = Evaluate(statements, "10.0.0.1", protocol: "REST");

        Assert.NotNull(error);
        Assert.Equal(
            "User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:a/prod/GET/reports/daily with an explicit deny",
            error.Message);
        Assert.Null(Evaluate(statements, "10.0.0.1", "POST", "/orders", protocol: "REST"));
    }

    [Fact]
    public void Principal_MatchesAuthorizerPrincipalAccessKeyOrUserArn()
    {
        var statements = """[{"Effect": "Allow", "Principal": {"AWS": ["user-42", "AKIAALLOWED000000001", "arn:aws:iam::000000000000:user/AKIAARNALLOWED000001"]}, "Action": "execute-api:Invoke", "Resource": "*"}]""";

        Assert.Null(Evaluate(statements, "10.0.0.1", principal: "user-42"));
        Assert.Null(Evaluate(statements, "10.0.0.1", accessKey: "AKIAALLOWED000000001"));
        Assert.Null(Evaluate(statements, "10.0.0.1", accessKey: "AKIAARNALLOWED000001"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1", principal: "user-43"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1"));
    }

    [Fact]
    public void NotPrincipal_DeniesEveryoneElse()
    {
        var statements = $$"""[{{AllowAll}}, {"Effect": "Deny", "NotPrincipal": {"AWS": "admin"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*/POST/*"}]""";

        Assert.Null(Evaluate(statements, "10.0.0.1", "POST", "/orders", principal: "admin"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1", "POST", "/orders", principal: "someone"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1", "POST", "/orders"));
        Assert.Null(Evaluate(statements, "10.0.0.1", "GET", "/reports/x"));
    }

    [Fact]
    public void ApiKeyCondition_ReadsThePresentedKeysId()
    {
        var statements = """[{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*", "Condition": {"StringEquals": {"execute-api:ApiKeyId": "partner"}}}]""";

        Assert.Null(Evaluate(statements, "10.0.0.1", apiKey: KeyValue));
        Assert.NotNull(Evaluate(statements, "10.0.0.1", apiKey: "unknown-key-0123456789abcdef"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1"));
    }

    [Fact]
    public void StringLikeOnPrincipal_AndNotResource()
    {
        var statements = """[{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "NotResource": "execute-api:/*/POST/*", "Condition": {"StringLike": {"aws:PrincipalId": "team-?-*"}}}]""";

        Assert.Null(Evaluate(statements, "10.0.0.1", principal: "team-a-alice"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1", principal: "team-ab-alice"));
        Assert.NotNull(Evaluate(statements, "10.0.0.1", "POST", "/orders", principal: "team-a-alice"));
    }

    [Theory]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:a/prod/GET/reports/daily", true)]
    [InlineData("arn:aws:execute-api:*:*:a/*/GET/*", true)]
    [InlineData("arn:aws:execute-api:*:*:a/*/GET/reports/dail?", true)]
    [InlineData("arn:aws:execute-api:*:*:a/*/GET/reports/dail", false)]
    [InlineData("arn:aws:execute-api:*:*:b/*", false)]
    [InlineData("arn:aws:execute-api:*:*:a/dev/*", false)]
    [InlineData("execute-api:/prod/GET/reports/*", true)]
    [InlineData("execute-api:/*/*/*", true)]
    [InlineData("execute-api:/prod/POST/*", false)]
    public void ResourcePatterns(string resource, bool matches) =>
        Assert.Equal(matches, Evaluate($$"""[{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "{{resource}}"}]""", "10.0.0.1") is null);

    [Fact]
    public void WildcardMatching_IsLinearOnHostilePatterns()
    {
        var arn = "arn:aws:execute-api:us-east-1:000000000000:a/prod/GET/" + new string('a', 5000);

        Assert.False(ExecuteApiArn.Matches("*a*a*a*a*a*a*a*a*a*a*a*a*b", arn));
        Assert.True(ExecuteApiArn.Matches("*a*a*a*a*a*a*a*a*a*a*a*a", arn));
    }
}
