using Platform.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Functions.Tests.Events;

public sealed class PayloadV2RequestTests
{
    [Theory]
    [InlineData(nameof(ReferencePayloads.HttpApiV2))]
    [InlineData(nameof(ReferencePayloads.HttpApiV2Minimal))]
    [InlineData(nameof(ReferencePayloads.HttpApiV2LambdaAuthorizerBase64))]
    [InlineData(nameof(ReferencePayloads.HttpApiV2IamMutualTls))]
    public void Request_ReferencePayload_RoundTripsUnchanged(string payload)
    {
        // Arrange
        var json = JsonAssert.Payload(payload);

        // Act + Assert
        JsonAssert.RoundTrips(json, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest);
    }

    [Fact]
    public void Request_Reference_ReadsEveryPart()
    {
        // Act
        var request = JsonSerializer.Deserialize(ReferencePayloads.HttpApiV2, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!;

        // Assert
        Assert.Equal("2.0", request.Version);
        Assert.Equal("ANY /{proxy+}", request.RouteKey);
        Assert.Equal("a=1&a=2&b=x", request.RawQueryString);
        Assert.Equal(["c1=v1", "c2=v2"], request.Cookies!);
        Assert.Equal("value1,value2", request.Headers!["header2"]);
        Assert.Equal("1,2", request.QueryStringParameters!["a"]);
        Assert.Equal("api/values", request.PathParameters!["proxy"]);
        Assert.Equal("v", request.StageVariables!["k"]);
        var context = request.RequestContext!;
        Assert.Equal("GET", context.Http!.Method);
        Assert.Equal("1.2.3.4", context.Http.SourceIp);
        Assert.Equal(1585112607686, context.TimeEpoch);
        Assert.Equal("user-1", context.Authorizer!.Jwt!.Claims!["sub"].GetString());
        Assert.Equal(1585112000, context.Authorizer.Jwt.Claims["iat"].GetInt64());
        Assert.Equal(["read"], context.Authorizer.Jwt.Scopes!);
        Assert.Null(context.Authorizer.Lambda);
        Assert.Null(context.Authorizer.Iam);
        Assert.Equal("{\"hello\":\"world\"}", request.GetBodyText());
    }

    [Fact]
    public void Request_LambdaAuthorizer_KeepsContextValuesOfEveryKind()
    {
        // Act
        var request = JsonSerializer.Deserialize(
            ReferencePayloads.HttpApiV2LambdaAuthorizerBase64, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!;

        // Assert
        var lambda = request.RequestContext!.Authorizer!.Lambda!;
        Assert.Equal("u-1", lambda["userId"].GetString());
        Assert.False(lambda["admin"].GetBoolean());
        Assert.Equal(10, lambda["limit"].GetInt32());
        Assert.Equal(JsonValueKind.Object, lambda["nested"].ValueKind);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, request.GetBodyBytes());
    }

    [Fact]
    public void Request_IamOverMutualTls_ReadsIdentityAndCertificate()
    {
        // Act
        var request = JsonSerializer.Deserialize(
            ReferencePayloads.HttpApiV2IamMutualTls, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!;

        // Assert
        var context = request.RequestContext!;
        Assert.Equal("www.example.com", context.Authentication!.ClientCert!.SubjectDN);
        Assert.Equal("May 28 12:30:02 2019 GMT", context.Authentication.ClientCert.Validity!.NotBefore);
        var iam = context.Authorizer!.Iam!;
        Assert.Equal("AIDACKCEVSQ6C2EXAMPLE", iam.CallerId);
        Assert.Null(iam.PrincipalOrgId);
        Assert.Equal("us-east-1:pool", iam.CognitoIdentity!.IdentityPoolId);
        Assert.Equal(2, iam.CognitoIdentity.Amr!.Count);
        Assert.Empty(request.GetBodyBytes());
    }

    [Theory]
    [InlineData("cookies")]
    [InlineData("queryStringParameters")]
    [InlineData("pathParameters")]
    [InlineData("stageVariables")]
    [InlineData("body")]
    public void Request_AbsentOptionalPart_IsOmitted(string member)
    {
        // Arrange
        var request = new APIGatewayHttpApiV2ProxyRequest { Version = "2.0", RouteKey = "$default" };

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest))!.AsObject();

        // Assert
        Assert.False(written.ContainsKey(member), $"'{member}' was written: AWS omits absent optional parts in payload 2.0.");
    }

    [Theory]
    [InlineData("authorizer")]
    [InlineData("authentication")]
    public void RequestContext_AbsentOptionalPart_IsOmitted(string member)
    {
        // Arrange
        var request = new APIGatewayHttpApiV2ProxyRequest
        {
            Version = "2.0",
            RequestContext = new APIGatewayHttpApiV2RequestContext { RequestId = "id" },
        };

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest))!;

        // Assert
        Assert.False(written["requestContext"]!.AsObject().ContainsKey(member));
    }

    [Fact]
    public void Authorizer_JwtWithoutScopes_WritesScopesAsNull()
    {
        // Arrange
        const string json = """{"jwt": {"claims": {"sub": "u"}, "scopes": null}}""";
        var request = new APIGatewayHttpApiV2ProxyRequest
        {
            RequestContext = new APIGatewayHttpApiV2RequestContext
            {
                Authorizer = new APIGatewayHttpApiV2Authorizer
                {
                    Jwt = new APIGatewayHttpApiV2JwtDescription
                    {
                        Claims = new Dictionary<string, JsonElement> { ["sub"] = JsonDocument.Parse("\"u\"").RootElement },
                    },
                },
            },
        };

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, FunctionJsonContext.Default.APIGatewayHttpApiV2ProxyRequest))!;

        // Assert
        JsonAssert.Equivalent(json, written["requestContext"]!["authorizer"]!.ToJsonString());
    }
}
