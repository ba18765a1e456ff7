using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

public sealed class StageAndDomainErrorTests
{
    private const string Mapping = "domainNames[\"$default\"].apiMappings";

    private static readonly string TooManyVariables =
        "'stages': {'prod': {'stageVariables': {" + string.Join(", ", Enumerable.Range(0, 101).Select(static i => $"'v{i}': 'x'")) + "}}}";

    public static TheoryData<string, string, string> Errors => new()
    {
        // Stages.
        { Api(stages: ""), "apis.a.stages", "an API needs at least one stage" },
        { Api(stages: "'stages': {}"), "apis.a.stages", "an API needs at least one stage" },
        { Api(stages: "'stages': {'beta stage': {}}"), "apis.a.stages[\"beta stage\"]", "stage name 'beta stage' must be $default or 1 to 128 letters, digits, '_' or '-'" },
        { Api(stages: "'stages': {'prod': {'stageVariables': {'bad-name': 'x'}}}"), "apis.a.stages.prod.stageVariables[\"bad-name\"]", "stage variable name 'bad-name' must be 1 to 64 letters, digits or '_'" },
        { Api(stages: "'stages': {'prod': {'stageVariables': {'v': 'has space'}}}"), "apis.a.stages.prod.stageVariables.v", "stage variable value 'has space' must be 1 to 512 letters, digits or - . _ ~ : / ? # & = ," },
        { Api(stages: "'stages': {'prod': {'stageVariables': {'v': ''}}}"), "apis.a.stages.prod.stageVariables.v", "stage variable value '' must be" },
        { Api(stages: TooManyVariables), "apis.a.stages.prod.stageVariables", "a stage may have at most 100 stage variables; got 101" },
        { Api(stages: "'stages': {'prod': {'accessLogSettings': {'format': '$context.requestID'}}}"), "apis.a.stages.prod.accessLogSettings.format", "unknown variable '$context.requestID'" },

        // Gateway responses.
        { Api(gatewayResponses: "'gatewayResponses': {'DEFAULT_4xx': {}}"), "apis.a.gatewayResponses.DEFAULT_4xx", "unknown gateway response type 'DEFAULT_4xx'; known: DEFAULT_4XX" },
        { Api(gatewayResponses: "'gatewayResponses': {'THROTTLED': {'statusCode': 99}}"), "apis.a.gatewayResponses.THROTTLED.statusCode", "statusCode must be 100 to 599; got 99" },
        { Api(gatewayResponses: "'gatewayResponses': {'THROTTLED': {'headers': {'retry:after': '1'}}}"), "apis.a.gatewayResponses.THROTTLED.headers[\"retry:after\"]", "header name 'retry:after' must be" },
        { Api(gatewayResponses: "'gatewayResponses': {'THROTTLED': {'bodyTemplate': '{\\'m\\':$context.error.msg}'}}"), "apis.a.gatewayResponses.THROTTLED.bodyTemplate", "unknown variable '$context.error.msg'" },

        // Domain names.
        { Domains("'domainNames': {'api_example.com': {}}"), "domainNames[\"api_example.com\"]", "domain name 'api_example.com' must be $default or a DNS host name such as api.example.com" },
        { Domains("'domainNames': {'https://api.example.com': {}}"), "domainNames[\"https://api.example.com\"]", "must be $default or a DNS host name" },
        { Domains("'domainNames': {'-api.example.com': {}}"), "domainNames[\"-api.example.com\"]", "must be $default or a DNS host name" },
        { Domains("'domainNames': {'api.example.com': {}, 'API.Example.com': {}}"), "domainNames[\"API.Example.com\"]", "domain name 'API.Example.com' is already declared as 'api.example.com' in test.json (host names are case-insensitive)" },

        // API mappings.
        { Domains("'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': '/v1', 'api': 'a', 'stage': '$default'}]}}"), $"{Mapping}[0].apiMappingKey", "apiMappingKey must be empty or segments of letters, digits, '.', '_', '~' or '-' separated by '/', without a leading or trailing '/'; got '/v1'" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': 'v1/', 'api': 'a', 'stage': '$default'}]}}"), $"{Mapping}[0].apiMappingKey", "got 'v1/'" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': 'v1//a', 'api': 'a', 'stage': '$default'}]}}"), $"{Mapping}[0].apiMappingKey", "got 'v1//a'" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': 'v 1', 'api': 'a', 'stage': '$default'}]}}"), $"{Mapping}[0].apiMappingKey", "got 'v 1'" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'stage': '$default'}]}}"), $"{Mapping}[0].api", "api is required" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'api': 'a'}]}}"), $"{Mapping}[0].stage", "stage is required" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'api': 'nope', 'stage': '$default'}]}}"), $"{Mapping}[0].api", "unknown API 'nope'; declared APIs: a" },
        { Domains("'domainNames': {'$default': {'apiMappings': [{'api': 'a', 'stage': 'prod'}]}}"), $"{Mapping}[0].stage", "API 'a' has no stage 'prod'; its stages: $default" },
        {
            Domains("'domainNames': {'$default': {'apiMappings': [{'apiMappingKey': 'v1', 'api': 'a', 'stage': '$default'}, {'apiMappingKey': 'v1', 'api': 'a', 'stage': '$default'}]}}"),
            $"{Mapping}[1].apiMappingKey",
            $"apiMappingKey 'v1' is already used by {Mapping}[0]"
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_StageOrDomainError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);
}
