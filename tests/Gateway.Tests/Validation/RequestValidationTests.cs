using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Definitions;
using Platform.Gateway.Tests.Definitions;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Pipeline;
using static Platform.Gateway.Tests.Definitions.DefinitionJson;

namespace Platform.Gateway.Tests.Validation;

/// <summary>
/// Request validators through the pipeline: the sample's CreateUser model (valid bodies reach the backend byte for
/// byte; invalid ones get 400 with every violation as a JSON pointer), malformed and empty bodies, content types,
/// required parameters, REST's error type, custom gateway responses — and every definition error.
/// </summary>
public sealed class RequestValidationTests(BackendFixture backend) : IClassFixture<BackendFixture>, IAsyncLifetime
{
    private const string CreateUser = """
        {"$schema": "http://json-schema.org/draft-04/schema#", "title": "CreateUser", "type": "object", "required": ["email", "name"],
         "properties": {
           "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
           "name": {"type": "string", "minLength": 1, "maxLength": 100},
           "age": {"type": "integer", "minimum": 0, "maximum": 150},
           "role": {"type": "string", "enum": ["admin", "editor", "viewer"]}},
         "additionalProperties": false}
        """;

    private GatewayApp _app = null!;
    private HttpClient _client = null!;

    private string Definitions => """
        {"apis": {
          "shop": {"protocol": "HTTP",
            "routes": {
              "POST /users": {"integration": "upload", "requestValidatorId": "body", "requestModels": {"application/json": "CreateUser"}},
              "POST /any": {"integration": "upload", "requestValidatorId": "body", "requestModels": {"$default": "CreateUser"}},
              "POST /unvalidated": {"integration": "upload"},
              "GET /search/{area}": {"integration": "ok", "requestValidatorId": "params",
                "requestParameters": {"method.request.querystring.q": true, "method.request.header.x-tenant": true, "method.request.querystring.page": false, "method.request.path.area": true}},
              "POST /both": {"integration": "upload", "requestValidatorId": "all", "requestModels": {"application/json": "CreateUser"},
                "requestParameters": {"method.request.querystring.dryRun": true}}
            },
            "integrations": {
              "upload": {"integrationType": "HTTP_PROXY", "integrationUri": "%BACKEND%upload"},
              "ok": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200, "body": "ok"}}
            },
            "models": {"CreateUser": %CREATEUSER%},
            "requestValidators": {
              "body": {"validateRequestBody": true},
              "params": {"validateRequestParameters": true},
              "all": {"validateRequestBody": true, "validateRequestParameters": true}
            },
            "stages": {"$default": {}}},
          "legacy": {"protocol": "REST",
            "routes": {"POST /users": {"integration": "ok", "requestValidatorId": "all", "requestModels": {"application/json": "CreateUser"},
              "requestParameters": {"method.request.querystring.q": true}}},
            "integrations": {"ok": {"integrationType": "MOCK", "mockResponse": {"statusCode": 200}}},
            "models": {"CreateUser": %CREATEUSER%},
            "requestValidators": {"all": {"validateRequestBody": true, "validateRequestParameters": true}},
            "gatewayResponses": {"BAD_REQUEST_BODY": {"statusCode": 422, "bodyTemplate": "{\"error\": $context.error.messageString, \"details\": $context.error.validationErrorString}"}},
            "stages": {"prod": {}}}},
         "domainNames": {"$default": {"apiMappings": [{"apiMappingKey": "", "api": "shop", "stage": "$default"}, {"apiMappingKey": "legacy", "api": "legacy", "stage": "prod"}]}}}
        """.Replace("%BACKEND%", backend.Backend.BaseAddress.ToString(), StringComparison.Ordinal).Replace("%CREATEUSER%", CreateUser, StringComparison.Ordinal);

    public Task InitializeAsync()
    {
        _app = GatewayApp.Start(Definitions);
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"email": "ada@example.com", "name": "Ada"}""")]
    [InlineData("""{"email": "bob@example.org", "name": "B", "age": 0, "role": "viewer"}""")]
    [InlineData("""{"email": "c@d.io", "name": "Chloé 😀", "age": 150, "role": "admin"}""")]
    [InlineData("""{"email":"x@y.zz","name":"n","age":1.0}""")]
    public async Task Post_ValidBody_ReachesTheBackendByteForByte(string body)
    {
        using var response = await PostAsync("/users", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upload = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.Equal(bytes.Length, (long)upload["bytes"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)upload["sha256"]);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"name": "Ada"}""", """[{"path":"","message":"must have required property 'email'"}]""" },
        { """{"email": "not-an-email", "name": "Ada"}""", """[{"path":"/email","message":"must match pattern \"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$\""}]""" },
        { """{"email": "a@b.co", "name": ""}""", """[{"path":"/name","message":"must NOT have fewer than 1 characters"}]""" },
        { """{"email": "a@b.co", "name": "Ada", "age": 151}""", """[{"path":"/age","message":"must be <= 150"}]""" },
        { """{"email": "a@b.co", "name": "Ada", "age": -1}""", """[{"path":"/age","message":"must be >= 0"}]""" },
        { """{"email": "a@b.co", "name": "Ada", "age": 30.5}""", """[{"path":"/age","message":"must be integer"}]""" },
        { """{"email": "a@b.co", "name": "Ada", "role": "owner"}""", """[{"path":"/role","message":"must be equal to one of the allowed values"}]""" },
        { """{"email": "a@b.co", "name": "Ada", "admin": true}""", """[{"path":"","message":"must NOT have additional properties"}]""" },
        { """[]""", """[{"path":"","message":"must be object"}]""" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Post_InvalidBody_400WithEveryViolation(string body, string errors)
    {
        using var response = await PostAsync("/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal($$"""{"message": "Invalid request body", "errors": {{errors}}}""", text);
    }

    [Fact]
    public async Task Post_SeveralViolations_AllListed()
    {
        using var response = await PostAsync("/users", """{"email": 5, "name": "x", "age": 200, "role": "owner"}""");

        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Equal(["/age", "/email", "/role"], errors.Select(e => (string)e!["path"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.co\", ", "the request body is not valid JSON")]
    [InlineData("", "the request body is empty")]
    [InlineData("{\"email\": \"a@b.co\", \"name\": \"x\"} trailing", "the request body is not valid JSON")]
    public async Task Post_MalformedOrEmptyBody_400(string body, string message)
    {
        using var response = await PostAsync("/users", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Invalid request body", (string?)json["message"]);
        Assert.StartsWith(message, (string?)json["errors"]![0]!["message"], StringComparison.Ordinal);
        Assert.Equal("", (string?)json["errors"]![0]!["path"]);
    }

    [Fact]
    public async Task Post_OtherContentType_NoModel_PassesUnvalidated()
    {
        using var content = new StringContent("not json at all", Encoding.UTF8, "text/plain");
        using var response = await _client.PostAsync(new Uri("/users", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoContentType_ReadAsJson()
    {
        using var content = new ByteArrayContent("{}"u8.ToArray());
        using var response = await _client.PostAsync(new Uri("/users", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_ContentTypeWithParameters_MatchesTheMediaType()
    {
        using var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");
        using var response = await _client.PostAsync(new Uri("/users", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_DefaultModel_AppliesToEveryContentType()
    {
        using var content = new StringContent("""{"email": "a@b.co"}""", Encoding.UTF8, "text/plain");
        using var response = await _client.PostAsync(new Uri("/any", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_Unvalidated_AnythingGoes()
    {
        using var response = await PostAsync("/unvalidated", "{ not json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/search/north?q=shoes", "x-tenant", null)]
    [InlineData("/search/north", "t1", "q")]
    [InlineData("/search/north?page=2", null, "q, x-tenant")]
    [InlineData("/search/north?q=", "t1", null)]
    public async Task Get_RequiredParameters(string path, string? tenant, string? missing)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (tenant is not null)
        {
            request.Headers.Add("x-tenant", tenant);
        }

        using var response = await _client.SendAsync(request);

        if (missing is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($$"""{"message": "Missing required request parameters: [{{missing}}]"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ParametersCheckedBeforeTheBody()
    {
        using var response = await PostAsync("/both", "{}");

        Assert.Equal("""{"message": "Missing required request parameters: [dryRun]"}""", await response.Content.ReadAsStringAsync());
        using var withParameter = await PostAsync("/both?dryRun=1", """{"email": "a@b.co", "name": "Ada"}""");
        Assert.Equal(HttpStatusCode.OK, withParameter.StatusCode);
    }

    [Fact]
    public async Task Rest_MissingParameter_BadRequestExceptionType()
    {
        using var response = await PostAsync("/legacy/users", """{"email": "a@b.co", "name": "Ada"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequestException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal("""{"message": "Missing required request parameters: [q]"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rest_CustomisedBadRequestBody_TemplateSeesTheValidationErrors()
    {
        using var response = await PostAsync("/legacy/users?q=1", """{"email": "a@b.co"}""");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("""{"error": "Invalid request body", "details": [{"path":"","message":"must have required property 'name'"}]}""",
            await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        { Api(routes: "'routes': {'POST /x': {'integration': 'i', 'requestValidatorId': 'nope'}}"), "apis.a.routes[\"POST /x\"].requestValidatorId", "requestValidatorId 'nope' is not a request validator of API 'a'" },
        { Api(routes: "'routes': {'POST /x': {'integration': 'i', 'requestModels': {'application/json': 'Nope'}}}"), "apis.a.routes[\"POST /x\"].requestModels", "model 'Nope' (for application/json) is not a model of API 'a'" },
        { Api(routes: "'routes': {'POST /x': {'integration': 'i', 'requestModels': {'json': 'M'}}}", gatewayResponses: "'models': {'M': {'type': 'object'}}"), "apis.a.routes[\"POST /x\"].requestModels", "'json' must be a media type (type/subtype) or $default" },
        { Api(routes: "'routes': {'POST /x': {'integration': 'i', 'requestValidatorId': 'v'}}", gatewayResponses: "'requestValidators': {'v': {'validateRequestBody': true}}"), "apis.a.routes[\"POST /x\"].requestValidatorId", "request validator 'v' validates the body, but the route has no requestModels" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'requestParameters': {'method.request.query.q': true}}}"), "apis.a.routes[\"GET /x\"].requestParameters", "'method.request.query.q' must be method.request.querystring.<name>" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'requestParameters': {'method.request.path.id': true}}}"), "apis.a.routes[\"GET /x\"].requestParameters", "names path parameter 'id', which route 'GET /x' does not declare" },
        { Api(routes: "'routes': {'GET /x': {'integration': 'i', 'requestParameters': {'method.request.querystring.q': 'yes'}}}"), "apis.a.routes[\"GET /x\"].requestParameters[\"method.request.querystring.q\"]", "must be true or false, not a string" },
        { Api(gatewayResponses: "'models': {'M': {'type': 'objekt'}}"), "apis.a.models.M", "schema /type:" },
        { Api(gatewayResponses: "'models': {'M': {'type': 'string', 'pattern': '(['}}"), "apis.a.models.M", "schema /pattern:" },
        { Api(gatewayResponses: "'models': {'M': {'$ref': '#/definitions/missing'}}"), "apis.a.models.M", "schema /$ref:" },
        { Api(gatewayResponses: "'models': {'Bad-Name': {'type': 'object'}}"), "apis.a.models[\"Bad-Name\"]", "model name 'Bad-Name' must be 1 to 128 letters and digits" },
        { Api(gatewayResponses: "'models': {'M': 'object'}"), "apis.a.models.M", "must be a JSON Schema (an object), not a string" },
        { Api(gatewayResponses: "'models': []"), "apis.a.models", "must be an object of JSON Schemas by model name, not an array" },
        { Api(gatewayResponses: "'requestValidators': {'v': {'validateBody': true}}"), "apis.a.requestValidators.v.validateBody", "unknown property 'validateBody'; expected one of: validateRequestBody, validateRequestParameters" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_ValidationError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    [Fact]
    public void LoadText_ValidationOnAWebSocketApi_IsAnError()
    {
        var json = Of("{'apis': {'chat': {'protocol': 'WEBSOCKET', 'routeSelectionExpression': '$request.body.action', 'routes': {'$default': {'integration': 'i', 'requestValidatorId': 'v'}}, "
            + "'integrations': {'i': {'integrationType': 'AWS_PROXY', 'integrationUri': 'http://chat', 'functionName': 'f'}}, 'stages': {'prod': {}}, "
            + "'requestValidators': {'v': {'validateRequestBody': true}}}}}");

        var result = DefinitionLoader.LoadText([(FileName, json)]);

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("request validation applies to HTTP and REST APIs", e.Message, StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
