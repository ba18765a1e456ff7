using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Definitions;

public sealed class IntegrationErrorTests
{
    private const string Key = "apis.a.integrations.i";

    public static TheoryData<string, string, string> Errors => new()
    {
        // Type.
        { Integration("{'integrationUri': 'http://u'}"), $"{Key}.integrationType", "integrationType is required: AWS_PROXY, HTTP_PROXY or MOCK" },
        { Integration("{'integrationType': 'LAMBDA'}"), $"{Key}.integrationType", "integrationType must be AWS_PROXY, HTTP_PROXY or MOCK; got 'LAMBDA'" },

        // AWS_PROXY: an absolute http(s) URI and a function name.
        { Integration("{'integrationType': 'AWS_PROXY', 'functionName': 'f'}"), $"{Key}.integrationUri", "integrationUri is required for AWS_PROXY integrations" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'users', 'functionName': 'f'}"), $"{Key}.integrationUri", "integrationUri must be an absolute http or https URL such as http://users; got 'users'" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'ftp://users', 'functionName': 'f'}"), $"{Key}.integrationUri", "got 'ftp://users'" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u'}"), $"{Key}.functionName", "functionName is required for AWS_PROXY integrations" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'get user'}"), $"{Key}.functionName", "functionName must be letters, digits, '-', '_' and ${stageVariables.name} references; got 'get user'" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': ''}"), $"{Key}.functionName", "functionName must be letters" },

        // HTTP_PROXY: placeholders are path parameters of every route using the integration.
        { Integration("{'integrationType': 'HTTP_PROXY'}"), $"{Key}.integrationUri", "integrationUri is required for HTTP_PROXY integrations" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b/{id}'}"), $"{Key}.integrationUri", "placeholder '{id}' is not a path parameter of route 'GET /x', which uses this integration" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b/{proxy+}'}", route: "ANY /{proxy+}"), $"{Key}.integrationUri", "placeholder '{proxy+}' is not a path parameter of route 'ANY /{proxy+}'" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b/{id'}"), $"{Key}.integrationUri", "integrationUri has a '{' without a closing '}': 'http://b/{id'" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b', 'integrationMethod': 'FETCH'}"), $"{Key}.integrationMethod", "integrationMethod must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY; got 'FETCH'" },

        // Stage variable references.
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://${stageVariable.host}/x'}"), $"{Key}.integrationUri", "'${stageVariable.host}' is not a stage variable reference" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'fn${stageVariables.x'}"), $"{Key}.functionName", "'${stageVariables.x' is not a stage variable reference" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'fn${stageVariables.a-b}'}"), $"{Key}.functionName", "'${stageVariables.a-b}' is not a stage variable reference" },

        // Properties of another type.
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b', 'functionName': 'f'}"), $"{Key}.functionName", "functionName does not apply to HTTP_PROXY integrations" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'f', 'mockResponse': {'statusCode': 200}}"), $"{Key}.mockResponse", "mockResponse does not apply to AWS_PROXY integrations" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200}, 'timeoutInMillis': 100}"), $"{Key}.timeoutInMillis", "timeoutInMillis does not apply to MOCK integrations" },

        // Payload format and timeout, by protocol.
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'f', 'payloadFormatVersion': '3.0'}"), $"{Key}.payloadFormatVersion", "payloadFormatVersion must be \"1.0\" or \"2.0\"; got '3.0'" },
        { Integration("{'integrationType': 'AWS_PROXY', 'integrationUri': 'http://u', 'functionName': 'f', 'payloadFormatVersion': '2.0'}", "REST"), $"{Key}.payloadFormatVersion", "payloadFormatVersion must be \"1.0\" for REST APIs; got '2.0'" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b', 'timeoutInMillis': 49}"), $"{Key}.timeoutInMillis", "timeoutInMillis must be 50 to 30000 for HTTP APIs; got 49" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b', 'timeoutInMillis': 30001}"), $"{Key}.timeoutInMillis", "timeoutInMillis must be 50 to 30000 for HTTP APIs; got 30001" },
        { Integration("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b', 'timeoutInMillis': 29001}", "REST"), $"{Key}.timeoutInMillis", "timeoutInMillis must be 50 to 29000 for REST APIs; got 29001" },

        // MOCK.
        { Integration("{'integrationType': 'MOCK'}"), $"{Key}.mockResponse", "mockResponse is required for MOCK integrations" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {}}"), $"{Key}.mockResponse.statusCode", "statusCode is required: 100 to 599" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 600}}"), $"{Key}.mockResponse.statusCode", "statusCode must be 100 to 599; got 600" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200, 'body': '$context.nope'}}"), $"{Key}.mockResponse.body", "unknown variable '$context.nope'" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200, 'headers': {'content type': 'x'}}}"), $"{Key}.mockResponse.headers[\"content type\"]", "header name 'content type' must be letters, digits or !#$%&'*+-.^_`|~" },
        { Integration("{'integrationType': 'MOCK', 'mockResponse': {'statusCode': 200, 'headers': {'x-a': 'line\\nbreak'}}}"), $"{Key}.mockResponse.headers[\"x-a\"]", "header value must not contain control characters" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_IntegrationError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    [Theory]
    [InlineData("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b/{proxy}'}", "ANY /{proxy+}")]
    [InlineData("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://${stageVariables.host}/u/{id}/{proxy}'}", "GET /u/{id}/{proxy+}")]
    [InlineData("{'integrationType': 'AWS_PROXY', 'integrationUri': 'https://${stageVariables.host}', 'functionName': '${stageVariables.fn}-v2'}", "GET /x")]
    [InlineData("{'integrationType': 'HTTP_PROXY', 'integrationUri': 'http://b:8080/x?q=1', 'integrationMethod': 'ANY', 'timeoutInMillis': 30000}", "GET /x")]
    public void LoadText_ValidIntegration_HasNoErrors(string integration, string route)
    {
        var result = Platform.Definitions.DefinitionLoader.LoadText([(FileName, Integration(integration, route: route))]);

        Assert.Empty(result.Errors);
    }
}
