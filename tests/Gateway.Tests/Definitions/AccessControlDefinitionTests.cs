using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Policies;
using Platform.Definitions.UsagePlans;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>Authorizers, route access settings, resource policies, usage plans and API keys: what loads, and every error.</summary>
public sealed class AccessControlDefinitionTests
{
    private const string Jwt = "{'authorizerType': 'JWT', 'jwtConfiguration': {'issuer': 'https://idp.example', 'audience': ['platform']}}";
    private const string Request = "{'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'authorize'}";

    /// <summary>An HTTP API with one route (given as its settings), authorizers and extra API members.</summary>
    private static string Secured(string route, string authorizers = "", string api = "", string root = "", string protocol = "HTTP", string routeKey = "GET /x") =>
        Of("{'apis': {'a': {'protocol': '" + protocol + "', 'routes': {'" + routeKey + "': " + route + "}, 'integrations': {'i': " + Mock + "}, 'stages': {'prod': {}}"
            + (authorizers.Length > 0 ? ", 'authorizers': {" + authorizers + "}" : "")
            + (api.Length > 0 ? ", " + api : "") + "}}" + (root.Length > 0 ? ", " + root : "") + "}");

    /// <summary>A WebSocket API with <c>$connect</c> and <c>sendMessage</c> routes (settings given) and authorizers.</summary>
    private static string WebSocket(string connect, string sendMessage, string authorizers = "") =>
        Of("{'apis': {'chat': {'protocol': 'WEBSOCKET', 'routeSelectionExpression': '$request.body.action', "
            + "'routes': {'$connect': " + connect + ", 'sendMessage': " + sendMessage + "}, "
            + "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f'}}, 'stages': {'prod': {}}"
            + (authorizers.Length > 0 ? ", 'authorizers': {" + authorizers + "}" : "") + "}}}");

    private static string Plans(string plans, string keys = "") =>
        Secured("{'integration': 'i', 'apiKeyRequired': true}", root: "'usagePlans': {" + plans + "}" + (keys.Length > 0 ? ", 'apiKeys': {" + keys + "}" : ""));

    [Fact]
    public void LoadText_FullAccessControl_BuildsTheModel()
    {
        var json = Of("""
            {'apis': {'a': {
              'protocol': 'HTTP',
              'apiKeySource': 'AUTHORIZER',
              'routes': {
                'GET /me': {'integration': 'i', 'authorizationType': 'JWT', 'authorizerId': 'idp', 'authorizationScopes': ['profile', 'orders:read']},
                'GET /reports/{proxy+}': {'integration': 'i', 'authorizationType': 'CUSTOM', 'authorizerId': 'reports'},
                'GET /partner/{proxy+}': {'integration': 'i', 'apiKeyRequired': true},
                'POST /signed': {'integration': 'i', 'authorizationType': 'AWS_IAM'}
              },
              'integrations': {'i': {'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200}}},
              'stages': {'prod': {}},
              'authorizers': {
                'idp': {'authorizerType': 'JWT', 'identitySource': ['$request.header.Authorization'],
                        'jwtConfiguration': {'issuer': 'http://identity', 'audience': ['platform'], 'sharedSecrets': ['0123456789abcdef0123456789abcdef'], 'clockSkewSeconds': 30}},
                'reports': {'authorizerType': 'REQUEST', 'identitySource': 'method.request.header.Authorization, $request.querystring.token',
                            'integrationUri': 'http://authorizer', 'functionName': 'authorize', 'authorizerPayloadFormatVersion': '2.0',
                            'enableSimpleResponses': true, 'authorizerResultTtlInSeconds': 0, 'timeoutInMillis': 2000}
              },
              'policy': {'Version': '2012-10-17', 'Statement': [
                {'Effect': 'Allow', 'Principal': '*', 'Action': 'execute-api:Invoke', 'Resource': 'execute-api:/*'},
                {'Effect': 'Deny', 'Principal': {'AWS': ['AKIAEXAMPLE']}, 'Action': ['execute-api:Invoke'], 'Resource': ['arn:aws:execute-api:*:*:a/*/POST/*'],
                 'Condition': {'NotIpAddress': {'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32', '192.0.2.1']}, 'StringEquals': {'execute-api:ApiKeyId': 'k1'}}}
              ]}
            }},
            'usagePlans': {
              'free': {'apiStages': [{'api': 'a', 'stage': 'prod', 'throttle': {'GET /partner/{proxy+}': {'rateLimit': 2.5, 'burstLimit': 5}}}],
                       'throttle': {'rateLimit': 10, 'burstLimit': 20}, 'quota': {'limit': 1000, 'period': 'DAY'}},
              'pro': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'quota': {'limit': 5000000000, 'period': 'MONTH', 'offset': 3}}
            },
            'apiKeys': {
              'k1': {'value': 'free-key-0123456789abcdef', 'usagePlans': ['free']},
              'k2': {'valueSha256': 'ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789', 'usagePlans': ['pro'], 'enabled': false}
            }}
            """);

        var result = DefinitionLoader.LoadText([(FileName, json)]);

        Assert.Empty(result.Errors);
        var definition = result.Definition!;
        var api = definition.Apis["a"];
        Assert.Equal(ApiKeySource.Authorizer, api.ApiKeySource);
        var me = api.Routes.Single(r => r.Key.Text == "GET /me");
        Assert.Equal(AuthorizationType.Jwt, me.AuthorizationType);
        Assert.Equal("idp", me.AuthorizerId);
        Assert.Equal(["profile", "orders:read"], me.AuthorizationScopes);
        Assert.Equal(AuthorizationType.AwsIam, api.Routes.Single(r => r.Key.Text == "POST /signed").AuthorizationType);
        Assert.True(api.Routes.Single(r => r.Key.Text == "GET /partner/{proxy+}").ApiKeyRequired);
        Assert.Equal(AuthorizationType.None, api.Routes.Single(r => r.Key.Text == "GET /partner/{proxy+}").AuthorizationType);

        var idp = api.Authorizers["idp"];
        Assert.Equal(AuthorizerType.Jwt, idp.Type);
        Assert.Equal("http://identity", idp.Jwt!.Issuer);
        Assert.Equal(["platform"], idp.Jwt.Audience);
        Assert.Equal(30, idp.Jwt.ClockSkewSeconds);
        Assert.Single(idp.Jwt.SharedSecrets);

        var reports = api.Authorizers["reports"];
        Assert.Equal(AuthorizerType.Request, reports.Type);
        Assert.Equal(
            [new IdentitySource(IdentitySourceKind.Header, "Authorization", "method.request.header.Authorization"), new IdentitySource(IdentitySourceKind.QueryString, "token", "$request.querystring.token")],
            reports.IdentitySources);
        Assert.True(reports.EnableSimpleResponses);
        Assert.Equal(0, reports.ResultTtlInSeconds);
        Assert.Equal(2000, reports.TimeoutInMillis);
        Assert.Equal("2.0", reports.PayloadFormatVersion);

        var statements = api.Policy!.Statements;
        Assert.Equal(2, statements.Count);
        Assert.Equal(PolicyEffect.Deny, statements[1].Effect);
        Assert.Equal(["AKIAEXAMPLE"], statements[1].Principals);
        var ip = statements[1].Conditions.Single(c => c.Operator == PolicyConditionOperator.NotIpAddress);
        Assert.Equal(3, ip.Networks.Count);
        Assert.Equal(32, ip.Networks[2].PrefixLength);
        Assert.Equal(["k1"], statements[1].Conditions.Single(c => c.Operator == PolicyConditionOperator.StringEquals).Values);

        var free = definition.UsagePlans["free"];
        Assert.Equal(new ThrottleSettings(10, 20), free.Throttle);
        Assert.Equal(new QuotaSettings(1000, QuotaPeriod.Day), free.Quota);
        Assert.Equal(new ThrottleSettings(2.5, 5), free.ApiStages[0].Throttle["GET /partner/{proxy+}"]);
        Assert.Equal(new QuotaSettings(5_000_000_000, QuotaPeriod.Month, 3), definition.UsagePlans["pro"].Quota);

        var k1 = definition.ApiKeys["k1"];
        Assert.Equal(ApiKeyDefinition.Hash("free-key-0123456789abcdef"), k1.ValueSha256);
        Assert.True(k1.Enabled);
        Assert.DoesNotContain("free-key-0123456789abcdef", k1.ToString(), StringComparison.Ordinal);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", definition.ApiKeys["k2"].ValueSha256);
        Assert.False(definition.ApiKeys["k2"].Enabled);
    }

    [Fact]
    public void LoadText_Defaults_AuthorizationHeaderTtl300Timeout10sHeaderKeys()
    {
        var result = DefinitionLoader.LoadText([(FileName, Secured("{'integration': 'i', 'authorizationType': 'CUSTOM', 'authorizerId': 'r'}", "'r': " + Request))]);

        Assert.Empty(result.Errors);
        var api = result.Definition!.Apis["a"];
        var authorizer = api.Authorizers["r"];
        Assert.Equal([IdentitySource.AuthorizationHeader], authorizer.IdentitySources);
        Assert.Equal(300, authorizer.ResultTtlInSeconds);
        Assert.Equal(10_000, authorizer.TimeoutInMillis);
        Assert.Equal("2.0", authorizer.PayloadFormatVersion);
        Assert.False(authorizer.EnableSimpleResponses);
        Assert.Equal(ApiKeySource.Header, api.ApiKeySource);
        Assert.Null(api.Policy);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        // Authorizers.
        { Secured("{'integration': 'i'}", "'r': {'integrationUri': 'http://auth', 'functionName': 'f'}"), "apis.a.authorizers.r.authorizerType", "authorizerType is required: JWT, REQUEST or TOKEN" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'LAMBDA'}"), "apis.a.authorizers.r.authorizerType", "unknown authorizerType 'LAMBDA'" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT'}"), "apis.a.authorizers.j.jwtConfiguration", "jwtConfiguration is required for a JWT authorizer" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'jwtConfiguration': {'audience': ['x']}}"), "apis.a.authorizers.j.jwtConfiguration.issuer", "issuer is required" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'jwtConfiguration': {'issuer': 'idp.example', 'audience': ['x']}}"), "apis.a.authorizers.j.jwtConfiguration.issuer", "must be an absolute http or https URL" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'jwtConfiguration': {'issuer': 'https://idp', 'audience': []}}"), "apis.a.authorizers.j.jwtConfiguration.audience", "audience needs at least one entry" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'jwtConfiguration': {'issuer': 'https://idp', 'audience': ['x'], 'sharedSecrets': ['short']}}"), "apis.a.authorizers.j.jwtConfiguration.sharedSecrets", "at least 32 bytes" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'jwtConfiguration': {'issuer': 'https://idp', 'audience': ['x'], 'clockSkewSeconds': 301}}"), "apis.a.authorizers.j.jwtConfiguration.clockSkewSeconds", "clockSkewSeconds must be 0 to 300; got 301" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'jwtConfiguration': {'issuer': 'https://idp', 'audience': ['x'], 'jwks': 'x'}}"), "apis.a.authorizers.j.jwtConfiguration.jwks", "unknown property 'jwks'" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'functionName': 'f', 'jwtConfiguration': {'issuer': 'https://idp', 'audience': ['x']}}"), "apis.a.authorizers.j.functionName", "functionName applies to REQUEST and TOKEN authorizers, not JWT" },
        { Secured("{'integration': 'i'}", "'j': {'authorizerType': 'JWT', 'identitySource': ['$request.header.A', '$request.header.B'], 'jwtConfiguration': {'issuer': 'https://idp', 'audience': ['x']}}"), "apis.a.authorizers.j.identitySource", "a JWT authorizer reads its token from one header" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'functionName': 'f'}"), "apis.a.authorizers.r.integrationUri", "integrationUri is required" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth'}"), "apis.a.authorizers.r.functionName", "functionName is required" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'identitySource': ['header.Authorization']}"), "apis.a.authorizers.r.identitySource", "identity source 'header.Authorization' must start with $request.header." },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'identitySource': []}"), "apis.a.authorizers.r.identitySource", "identitySource must not be empty" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'authorizerPayloadFormatVersion': '3.0'}"), "apis.a.authorizers.r.authorizerPayloadFormatVersion", "must be 1.0 or 2.0, not '3.0'" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'authorizerPayloadFormatVersion': '1.0', 'enableSimpleResponses': true}"), "apis.a.authorizers.r.enableSimpleResponses", "enableSimpleResponses needs a REQUEST authorizer with authorizerPayloadFormatVersion 2.0" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'authorizerResultTtlInSeconds': 3601}"), "apis.a.authorizers.r.authorizerResultTtlInSeconds", "must be 0 (no caching) to 3600; got 3601" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'timeoutInMillis': 30001}"), "apis.a.authorizers.r.timeoutInMillis", "timeoutInMillis must be 50 to 30000; got 30001" },
        { Secured("{'integration': 'i'}", "'t': {'authorizerType': 'TOKEN', 'integrationUri': 'http://auth', 'functionName': 'f', 'identitySource': ['$request.querystring.token']}"), "apis.a.authorizers.t.identitySource", "a TOKEN authorizer reads exactly one header" },
        { Secured("{'integration': 'i'}", "'t': {'authorizerType': 'TOKEN', 'integrationUri': 'http://auth', 'functionName': 'f', 'identityValidationExpression': '^Bearer ('}"), "apis.a.authorizers.t.identityValidationExpression", "is not a valid regular expression" },
        { Secured("{'integration': 'i'}", "'r': {'authorizerType': 'REQUEST', 'integrationUri': 'http://auth', 'functionName': 'f', 'identityValidationExpression': '.*'}"), "apis.a.authorizers.r.identityValidationExpression", "applies to TOKEN authorizers only" },

        // Routes.
        { Secured("{'integration': 'i', 'authorizationType': 'COGNITO'}"), "apis.a.routes[\"GET /x\"].authorizationType", "unknown authorizationType 'COGNITO'; expected NONE, JWT, CUSTOM or AWS_IAM" },
        { Secured("{'integration': 'i', 'authorizationType': 'JWT'}", "'j': " + Jwt), "apis.a.routes[\"GET /x\"].authorizerId", "authorizerId is required with authorizationType JWT" },
        { Secured("{'integration': 'i', 'authorizationType': 'JWT', 'authorizerId': 'nope'}", "'j': " + Jwt), "apis.a.routes[\"GET /x\"].authorizerId", "unknown authorizer 'nope'; the API declares: j" },
        { Secured("{'integration': 'i', 'authorizationType': 'JWT', 'authorizerId': 'r'}", "'r': " + Request), "apis.a.routes[\"GET /x\"].authorizerId", "authorizer 'r' is a REQUEST authorizer; authorizationType JWT needs a JWT one" },
        { Secured("{'integration': 'i', 'authorizationType': 'CUSTOM', 'authorizerId': 'j'}", "'j': " + Jwt), "apis.a.routes[\"GET /x\"].authorizerId", "authorizationType CUSTOM needs a REQUEST or TOKEN one" },
        { Secured("{'integration': 'i', 'authorizerId': 'j'}", "'j': " + Jwt), "apis.a.routes[\"GET /x\"].authorizerId", "authorizerId needs authorizationType JWT or CUSTOM" },
        { Secured("{'integration': 'i', 'authorizationType': 'CUSTOM', 'authorizerId': 'r', 'authorizationScopes': ['a']}", "'r': " + Request), "apis.a.routes[\"GET /x\"].authorizationScopes", "authorizationScopes apply to JWT routes only" },
        { Secured("{'integration': 'i', 'authorizationType': 'JWT', 'authorizerId': 'j', 'authorizationScopes': ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']}", "'j': " + Jwt), "apis.a.routes[\"GET /x\"].authorizationScopes", "at most 10 authorizationScopes per route; got 11" },
        { Secured("{'integration': 'i', 'authorizationType': 'JWT', 'authorizerId': 'j', 'authorizationScopes': ['a b']}", "'j': " + Jwt), "apis.a.routes[\"GET /x\"].authorizationScopes", "scope 'a b' must be non-empty and contain no spaces" },
        { Secured("{'integration': 'i', 'apiKeyRequired': 'yes'}"), "apis.a.routes[\"GET /x\"].apiKeyRequired", "must be true or false, not a string" },
        { Secured("{'integration': 'i'}", api: "'apiKeySource': 'QUERY'"), "apis.a.apiKeySource", "apiKeySource must be HEADER or AUTHORIZER, not 'QUERY'" },

        // WebSocket APIs: $connect only, REQUEST authorizers only.
        { WebSocket("{'integration': 'i'}", "{'integration': 'i', 'apiKeyRequired': true}"), "apis.chat.routes.sendMessage.apiKeyRequired", "a WebSocket API checks apiKeyRequired on $connect only" },
        { WebSocket("{'integration': 'i'}", "{'integration': 'i', 'authorizationType': 'AWS_IAM'}"), "apis.chat.routes.sendMessage.authorizationType", "a WebSocket API checks authorizationType on $connect only" },
        { WebSocket("{'integration': 'i'}", "{'integration': 'i'}", "'j': " + Jwt), "apis.chat.authorizers.j.authorizerType", "WebSocket APIs support REQUEST authorizers only" },

        // Resource policies.
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': []}".Replace("[]", "{'Principal': '*'}", StringComparison.Ordinal)), "apis.a.policy.Statement", "Effect is required: Allow or Deny" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Version': '2012-10-17'}"), "apis.a.policy", "a policy needs a Statement" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Permit'}]}"), "apis.a.policy.Statement[0].Effect", "Effect must be Allow or Deny, not 'Permit'" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Allow', 'Action': 'execute-api:ManageConnections'}]}"), "apis.a.policy.Statement[0].Action", "action 'execute-api:ManageConnections' cannot be evaluated by the gateway" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Allow', 'Resource': 'arn:aws:s3:::bucket'}]}"), "apis.a.policy.Statement[0].Resource", "must be an execute-api ARN" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'x'}}]}"), "apis.a.policy.Statement[0].Principal.Service", "principal type 'Service' is not supported" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Deny', 'Condition': {'IpAddress': {'aws:SourceIp': '10.0.0.1/8'}}}]}"), "apis.a.policy.Statement[0].Condition.IpAddress[\"aws:SourceIp\"]", "'10.0.0.1/8' is not a CIDR block" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Deny', 'Condition': {'IpAddress': {'aws:SourceIp': 'not-an-ip'}}}]}"), "apis.a.policy.Statement[0].Condition.IpAddress[\"aws:SourceIp\"]", "'not-an-ip' is not a CIDR block" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Deny', 'Condition': {'DateGreaterThan': {'aws:CurrentTime': 'x'}}}]}"), "apis.a.policy.Statement[0].Condition.DateGreaterThan", "condition operator 'DateGreaterThan' is not supported" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Deny', 'Condition': {'StringEquals': {'aws:Referer': 'x'}}}]}"), "apis.a.policy.Statement[0].Condition.StringEquals[\"aws:Referer\"]", "condition key 'aws:Referer' is not supported" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Deny', 'Condition': {'IpAddress': {'execute-api:ApiKeyId': 'k'}}}]}"), "apis.a.policy.Statement[0].Condition.IpAddress[\"execute-api:ApiKeyId\"]", "IpAddress applies to aws:SourceIp only" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Version': '2020-01-01', 'Statement': {'Effect': 'Allow'}}"), "apis.a.policy.Version", "Version must be 2012-10-17" },
        { Secured("{'integration': 'i'}", api: "'policy': {'Statement': [{'Effect': 'Allow', 'Principal': '*', 'NotPrincipal': '*'}]}"), "apis.a.policy.Statement[0]", "a statement has Principal or NotPrincipal, not both" },

        // Usage plans.
        { Plans("'p': {'apiStages': []}"), "usagePlans.p.apiStages", "a usage plan needs at least one API stage" },
        { Plans("'p': {'apiStages': [{'api': 'nope', 'stage': 'prod'}]}"), "usagePlans.p.apiStages[0].api", "unknown API 'nope'" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'dev'}]}"), "usagePlans.p.apiStages[0].stage", "API 'a' has no stage 'dev'; it declares: prod" },
        { Plans("'p': {'apiStages': [{'api': 'a'}]}"), "usagePlans.p.apiStages[0].stage", "stage is required" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}, {'api': 'a', 'stage': 'prod'}]}"), "usagePlans.p.apiStages[1]", "the plan already covers a/prod" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod', 'throttle': {'GET /y': {'rateLimit': 1, 'burstLimit': 1}}}]}"), "usagePlans.p.apiStages[0].throttle[\"GET /y\"]", "API 'a' has no route 'GET /y' to throttle" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'throttle': {'rateLimit': -1, 'burstLimit': 1}}"), "usagePlans.p.throttle.rateLimit", "rateLimit must be ≥ 0; got -1" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'throttle': {'rateLimit': 1}}"), "usagePlans.p.throttle.burstLimit", "burstLimit is required" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'throttle': {'rateLimit': 1, 'burstLimit': 1.5}}"), "usagePlans.p.throttle.burstLimit", "must be an integer, not 1.5" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'quota': {'limit': 0, 'period': 'DAY'}}"), "usagePlans.p.quota.limit", "limit must be ≥ 1; got 0" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'quota': {'limit': 5, 'period': 'YEAR'}}"), "usagePlans.p.quota.period", "period must be DAY, WEEK or MONTH, not 'YEAR'" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'quota': {'limit': 5, 'period': 'WEEK', 'offset': 7}}"), "usagePlans.p.quota.offset", "offset must be 0 to 6 for a WEEK quota; got 7" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}], 'quota': {'limit': 5, 'period': 'DAY', 'offset': 1}}"), "usagePlans.p.quota.offset", "offset must be 0 to 0 for a DAY quota; got 1" },

        // API keys.
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'usagePlans': ['p']}"), "apiKeys.k", "an API key needs value (the key itself, hashed on load) or valueSha256" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'value': 'too-short', 'usagePlans': ['p']}"), "apiKeys.k.value", "20 to 128 printable ASCII characters without spaces; this one has 9 characters" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'valueSha256': 'abc', 'usagePlans': ['p']}"), "apiKeys.k.valueSha256", "valueSha256 must be the SHA-256" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'value': 'free-key-0123456789abcdef', 'valueSha256': 'abc'}"), "apiKeys.k", "give either value or valueSha256, not both" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'value': 'free-key-0123456789abcdef', 'usagePlans': ['q']}"), "apiKeys.k.usagePlans", "unknown usage plan 'q'; declared: p" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'value': 'free-key-0123456789abcdef'}, 'k2': {'value': 'free-key-0123456789abcdef'}"), "apiKeys.k2", "API key 'k2' has the same value as 'k'" },
        { Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}, 'q': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'value': 'free-key-0123456789abcdef', 'usagePlans': ['p', 'q']}"), "apiKeys.k.usagePlans", "usage plans 'p' and 'q' both cover a/prod; a key may be in one plan per API stage" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_AccessControlError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    [Fact]
    public void LoadText_WebSocketConnectAuthorizer_Loads()
    {
        var result = DefinitionLoader.LoadText([(FileName, WebSocket(
            "{'integration': 'i', 'authorizationType': 'CUSTOM', 'authorizerId': 'r', 'apiKeyRequired': true}", "{'integration': 'i'}",
            "'r': {'authorizerType': 'REQUEST', 'identitySource': ['$request.querystring.token'], 'integrationUri': 'http://auth', 'functionName': 'authorize', 'authorizerPayloadFormatVersion': '1.0'}"))]);

        Assert.Empty(result.Errors);
        var connect = result.Definition!.Apis["chat"].Routes.Single(r => r.Key.Text == "$connect");
        Assert.Equal(AuthorizationType.Custom, connect.AuthorizationType);
        Assert.True(connect.ApiKeyRequired);
    }

    [Fact]
    public void LoadText_UsagePlanDeclaredInTwoFiles_NamesBoth()
    {
        var plan = Of("{'usagePlans': {'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}}}");

        var result = DefinitionLoader.LoadText([(FileName, Secured("{'integration': 'i'}")), ("b.json", plan), ("c.json", plan)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("c.json", error.File);
        Assert.Contains("usage plan 'p' is already declared in b.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_InvalidKeyValue_NeverEchoesIt()
    {
        var result = DefinitionLoader.LoadText([(FileName, Plans("'p': {'apiStages': [{'api': 'a', 'stage': 'prod'}]}", "'k': {'value': 'secret value with spaces 123'}"))]);

        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain("secret value", error.Message, StringComparison.Ordinal);
    }
}
