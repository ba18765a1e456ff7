using Platform.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Functions.Tests.Events;

public sealed class PayloadV1RequestTests
{
    [Theory]
    [InlineData(nameof(ReferencePayloads.RestV1))]
    [InlineData(nameof(ReferencePayloads.HttpApiV1WithJwt))]
    [InlineData(nameof(ReferencePayloads.RestV1Base64WithLambdaAuthorizer))]
    public void Request_ReferencePayload_RoundTripsUnchanged(string payload)
    {
        // Arrange
        var json = JsonAssert.Payload(payload);

        // Act + Assert
        JsonAssert.RoundTrips(json, FunctionJsonContext.Default.APIGatewayProxyRequest);
    }

    [Fact]
    public void Request_RestReference_ReadsEveryPart()
    {
        // Act
        var request = JsonSerializer.Deserialize(ReferencePayloads.RestV1, FunctionJsonContext.Default.APIGatewayProxyRequest)!;

        // Assert
        Assert.Null(request.Version);
        Assert.Equal("/{proxy+}", request.Resource);
        Assert.Equal("/proxy-value", request.Path);
        Assert.Equal("*/*", request.Headers!["Accept"]);
        Assert.Equal(["1.2.3.4"], request.MultiValueHeaders!["X-Forwarded-For"]);
        Assert.Null(request.QueryStringParameters);
        Assert.Null(request.MultiValueQueryStringParameters);
        Assert.Equal("proxy-value", request.PathParameters!["proxy"]);
        Assert.Null(request.Body);
        Assert.False(request.IsBase64Encoded);
        var context = request.RequestContext!;
        Assert.Equal("/stage/proxy-value", context.Path);
        Assert.Equal(1583349317135, context.RequestTimeEpoch);
        Assert.Null(context.Authorizer);
        Assert.Equal("1.2.3.4", context.Identity!.SourceIp);
        Assert.Equal("curl/8.5.0", context.Identity.UserAgent);
        Assert.Null(context.Identity.ApiKey);
        Assert.Null(context.Identity.ClientCert);
    }

    [Fact]
    public void Request_LambdaAuthorizerAndBase64Body_KeepsValueKindsAndDecodes()
    {
        // Act
        var request = JsonSerializer.Deserialize(
            ReferencePayloads.RestV1Base64WithLambdaAuthorizer, FunctionJsonContext.Default.APIGatewayProxyRequest)!;

        // Assert
        var authorizer = request.RequestContext!.Authorizer!;
        Assert.Equal("user-1", authorizer["principalId"].GetString());
        Assert.Equal(12, authorizer["integrationLatency"].GetInt32());
        Assert.True(authorizer["admin"].GetBoolean());
        Assert.Equal(2.5, authorizer["quota"].GetDouble());
        Assert.Equal(["a", "b", "c"], request.MultiValueQueryStringParameters!["tag"]);
        Assert.Equal("c", request.QueryStringParameters!["tag"]);
        Assert.Equal([""], request.MultiValueQueryStringParameters["empty"]);
        Assert.Equal("key-value", request.RequestContext.Identity!.ApiKey);
        Assert.Equal("Aug  5 09:36:04 2031 GMT", request.RequestContext.Identity.ClientCert!.Validity!.NotAfter);
        Assert.Equal("CN=client", request.RequestContext.Identity.ClientCert.SubjectDN);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, request.GetBodyBytes());
    }

    [Fact]
    public void Request_JwtAuthorizer_KeepsClaimsOfEveryKind()
    {
        // Act
        var request = JsonSerializer.Deserialize(ReferencePayloads.HttpApiV1WithJwt, FunctionJsonContext.Default.APIGatewayProxyRequest)!;

        // Assert
        var authorizer = request.RequestContext!.Authorizer!;
        var claims = authorizer["claims"];
        Assert.Equal("user-1", claims.GetProperty("sub").GetString());
        Assert.Equal(1700000000, claims.GetProperty("exp").GetInt64());
        Assert.Equal(JsonValueKind.Array, claims.GetProperty("groups").ValueKind);
        Assert.Equal("orders/write", authorizer["scopes"][0].GetString());
        Assert.Equal("1.0", request.Version);
        Assert.Equal("{\"item\":\"book\"}", request.GetBodyText());
    }

    [Theory]
    [InlineData("headers")]
    [InlineData("multiValueHeaders")]
    [InlineData("queryStringParameters")]
    [InlineData("multiValueQueryStringParameters")]
    [InlineData("pathParameters")]
    [InlineData("stageVariables")]
    [InlineData("requestContext")]
    [InlineData("body")]
    public void Request_AbsentPart_IsWrittenAsNull(string member)
    {
        // Arrange
        var request = new APIGatewayProxyRequest { HttpMethod = "GET" };

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, FunctionJsonContext.Default.APIGatewayProxyRequest))!.AsObject();

        // Assert
        Assert.True(written.ContainsKey(member), $"'{member}' was omitted: payload 1.0 writes absent parts as null.");
        Assert.Null(written[member]);
    }

    [Fact]
    public void Request_WithoutVersion_OmitsVersionAsRestDoes()
    {
        // Arrange
        var request = new APIGatewayProxyRequest { HttpMethod = "GET" };

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, FunctionJsonContext.Default.APIGatewayProxyRequest))!.AsObject();

        // Assert
        Assert.False(written.ContainsKey("version"));
        Assert.False(written["isBase64Encoded"]!.GetValue<bool>());
    }

    [Fact]
    public void Identity_AbsentFields_AreWrittenAsNull()
    {
        // Arrange
        var identity = new APIGatewayProxyRequestIdentity { SourceIp = "1.2.3.4" };
        string[] expected =
        [
            "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp", "principalOrgId", "accessKey",
            "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "userAgent", "user", "apiKey", "apiKeyId",
            "clientCert",
        ];

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(
            new APIGatewayProxyRequest { RequestContext = new APIGatewayProxyRequestContext { Identity = identity } },
            FunctionJsonContext.Default.APIGatewayProxyRequest))!;

        // Assert
        var members = written["requestContext"]!["identity"]!.AsObject().Select(member => member.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), members);
    }
}
