using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>Errors a schema would catch: JSON syntax, the root, property types, unknown and duplicate properties.</summary>
public sealed class DefinitionStructureErrorTests
{
    public static TheoryData<string, string, string> Errors => new()
    {
        // Invalid JSON: line and byte, both from 1.
        { "{\n  \"apis\": }", "$", "invalid JSON at line 2, byte 11: '}' is an invalid start of a value." },
        { "", "$", "invalid JSON at line 1, byte 1:" },

        // Wrong root and property types.
        { "[]", "$", "the root must be an object with \"apis\" and/or \"domainNames\", not an array" },
        { Of("{'apis': []}"), "apis", "must be an object, not an array" },
        { Of("{'apis': {'a': 'x'}}"), "apis.a", "must be an object, not a string" },
        { Api(protocol: "'protocol': 1"), "apis.a.protocol", "must be a string, not a number" },
        { Api(routes: "'routes': {'GET /x': {'integration': null}}"), "apis.a.routes[\"GET /x\"].integration", "must be a string, not null" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': '200'}}"), "apis.a.integrations.i.mockResponse.statusCode", "must be an integer, not a string" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b', 'timeoutInMillis': 1.5}"), "apis.a.integrations.i.timeoutInMillis", "must be an integer, not 1.5" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200, 'headers': {'x-a': 1}}}"), "apis.a.integrations.i.mockResponse.headers[\"x-a\"]", "must be a string, not a number" },
        { Domains("'domainNames': {'$default': {'apiMappings': ['x']}}"), "domainNames[\"$default\"].apiMappings[0]", "must be an object, not a string" },
        { Domains("'domainNames': {'$default': {'apiMappings': {}}}"), "domainNames[\"$default\"].apiMappings", "must be an array, not an object" },

        // Unknown properties: names are case-sensitive, so a wrong case is a typo too.
        { Of("{'apis': {}, 'api': {}}"), "api", "unknown property 'api'; expected one of: apis, domainNames" },
        { Api(protocol: "'protocol': 'HTTP', 'Description': 'x'"), "apis.a.Description", "unknown property 'Description'; expected one of: protocol, description, routes, integrations, stages, gatewayResponses, routeSelectionExpression, webSocketSettings, authorizers, apiKeySource, policy, corsConfiguration, models, requestValidators (names are case-sensitive)" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'f', 'functionNmae': 'f'}"), "apis.a.integrations.i.functionNmae", "unknown property 'functionNmae'" },
        { Api(stages: "'stages': {'$default': {'accessLogSettings': {'fromat': 'x'}}}"), "apis.a.stages[\"$default\"].accessLogSettings.fromat", "unknown property 'fromat'; expected one of: format" },
        { Of("{'apis': {}, 'webAcl': {}}"), "webAcl", "unknown property 'webAcl'; expected one of: apis, domainNames, usagePlans, apiKeys, ipSets, webAcls (names are case-sensitive)" },
        { Api(stages: "'stages': {'$default': {'webACL': 'x'}}"), "apis.a.stages[\"$default\"].webACL", "unknown property 'webACL'; expected one of: stageVariables, accessLogSettings, cacheClusterEnabled, defaultRouteSettings, routeSettings, webAcl (names are case-sensitive)" },

        // Duplicates inside one object.
        { Api(routes: "'routes': {'GET /x': {'integration': 'i'}, 'GET /x': {'integration': 'i'}}"), "apis.a.routes[\"GET /x\"]", "'GET /x' is declared twice in the same object" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200, 'headers': {'X-A': '1', 'x-a': '2'}}}"), "apis.a.integrations.i.mockResponse.headers[\"x-a\"]", "'x-a' is declared twice (names here are case-insensitive)" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_StructuralError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);
}
