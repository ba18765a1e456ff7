using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Gateway.Runtime;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Tests.Responses;

/// <summary>The gateway-response table: AWS's defaults per flavour (AWS-REFERENCE §3) and per-API customisation.</summary>
public sealed class GatewayResponseTableTests
{
    public static TheoryData<ApiProtocol, GatewayResponseType, int, string, string?> Defaults => new()
    {
        { ApiProtocol.Http, GatewayResponseType.ResourceNotFound, 404, """{"message":"Not Found"}""", null },
        { ApiProtocol.Http, GatewayResponseType.Unauthorized, 401, """{"message":"Unauthorized"}""", null },
        { ApiProtocol.Http, GatewayResponseType.AccessDenied, 403, """{"message":"Forbidden"}""", null },
        { ApiProtocol.Http, GatewayResponseType.Throttled, 429, """{"message":"Too Many Requests"}""", null },
        { ApiProtocol.Http, GatewayResponseType.IntegrationFailure, 500, """{"message":"Internal Server Error"}""", null },
        { ApiProtocol.Http, GatewayResponseType.IntegrationTimeout, 503, """{"message":"Service Unavailable"}""", null },
        { ApiProtocol.Http, GatewayResponseType.RequestTooLarge, 413, """{"message":"Request Entity Too Large"}""", null },
        { ApiProtocol.Http, GatewayResponseType.AuthorizerFailure, 500, """{"message":"Internal Server Error"}""", null },
        { ApiProtocol.Rest, GatewayResponseType.MissingAuthenticationToken, 403, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException" },
        { ApiProtocol.Rest, GatewayResponseType.InvalidApiKey, 403, """{"message":"Forbidden"}""", "ForbiddenException" },
        { ApiProtocol.Rest, GatewayResponseType.Unauthorized, 401, """{"message":"Unauthorized"}""", "UnauthorizedException" },
        { ApiProtocol.Rest, GatewayResponseType.AccessDenied, 403, """{"Message":"User is not authorized to access this resource with an explicit deny"}""", "AccessDeniedException" },
        { ApiProtocol.Rest, GatewayResponseType.AuthorizerConfigurationError, 500, """{"message": null}""", "AuthorizerConfigurationException" },
        { ApiProtocol.Rest, GatewayResponseType.Throttled, 429, """{"message":"Too Many Requests"}""", "TooManyRequestsException" },
        { ApiProtocol.Rest, GatewayResponseType.QuotaExceeded, 429, """{"message":"Limit Exceeded"}""", "LimitExceededException" },
        { ApiProtocol.Rest, GatewayResponseType.IntegrationFailure, 502, """{"message": "Internal server error"}""", "InternalServerErrorException" },
        { ApiProtocol.Rest, GatewayResponseType.IntegrationTimeout, 504, """{"message": "Endpoint request timed out"}""", null },
        { ApiProtocol.Rest, GatewayResponseType.BadRequestBody, 400, """{"message": "Invalid request body"}""", "BadRequestException" },
        { ApiProtocol.Rest, GatewayResponseType.RequestTooLarge, 413, """{"message": "Request Too Long"}""", "RequestTooLargeException" },
        { ApiProtocol.Rest, GatewayResponseType.WafFiltered, 403, """{"message":"Forbidden"}""", "ForbiddenException" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public async Task WriteAsync_NotCustomised_WritesAwsDefault(ApiProtocol protocol, GatewayResponseType type, int status, string body, string? errorType)
    {
        var (context, request) = Request(protocol, []);

        await request.Api!.Responses.WriteAsync(context, request, new GatewayError(type)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(body, BodyOf(context));
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal(errorType, context.Response.Headers["x-amzn-ErrorType"].FirstOrDefault());
        Assert.Equal(body.Length, request.ResponseLength);
    }

    [Fact]
    public void Defaults_EveryTypeInBothFlavours_HasAnEntry()
    {
        foreach (var type in Enum.GetValues<GatewayResponseType>())
        {
            Assert.NotNull(GatewayResponseDefaults.For(ApiProtocol.Http, type));
            Assert.NotNull(GatewayResponseDefaults.For(ApiProtocol.Rest, type));
            Assert.True(GatewayResponseTypeNames.TryParse(GatewayResponseTypeNames.NameOf(type), out var parsed));
            Assert.Equal(type, parsed);
        }
    }

    [Fact]
    public async Task WriteAsync_TypeCustomised_UsesStatusHeadersAndTemplate()
    {
        var (context, request) = Request(ApiProtocol.Rest, new()
        {
            [GatewayResponseType.Throttled] = new GatewayResponseDefinition
            {
                StatusCode = 503,
                Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                BodyTemplate = """{"error":$context.error.messageString,"type":"$context.error.responseType","id":"$context.requestId"}""",
            },
        });

        await request.Api!.Responses.WriteAsync(context, request, new GatewayError(GatewayResponseType.Throttled)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal($$"""{"error":"Too Many Requests","type":"THROTTLED","id":"{{request.RequestId}}"}""", BodyOf(context));
    }

    [Fact]
    public async Task WriteAsync_Default4xxCustomised_AppliesToUncustomised4xxTypesOnly()
    {
        var custom = new Dictionary<GatewayResponseType, GatewayResponseDefinition>
        {
            [GatewayResponseType.Default4xx] = new() { Headers = new Dictionary<string, string> { ["x-team"] = "shop" }, BodyTemplate = """{"oops":$context.error.messageString}""" },
        };
        var (notFound, notFoundRequest) = Request(ApiProtocol.Http, custom);
        var (failure, failureRequest) = Request(ApiProtocol.Http, custom);

        await notFoundRequest.Api!.Responses.WriteAsync(notFound, notFoundRequest, new GatewayError(GatewayResponseType.ResourceNotFound)).WaitAsync(TestTimeouts.Default);
        await failureRequest.Api!.Responses.WriteAsync(failure, failureRequest, new GatewayError(GatewayResponseType.IntegrationFailure)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(404, notFound.Response.StatusCode);
        Assert.Equal("shop", notFound.Response.Headers["x-team"].ToString());
        Assert.Equal("""{"oops":"Not Found"}""", BodyOf(notFound));
        Assert.Equal(500, failure.Response.StatusCode);
        Assert.False(failure.Response.Headers.ContainsKey("x-team"));
        Assert.Equal("""{"message":"Internal Server Error"}""", BodyOf(failure));
    }

    [Fact]
    public async Task WriteAsync_MessageAndStatusOverride_RenderedAsJson()
    {
        var (context, request) = Request(ApiProtocol.Http, []);

        await request.Api!.Responses.WriteAsync(context, request,
            new GatewayError(GatewayResponseType.Default4xx, "Request \"URI\" Too Long", StatusCode: 414)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(414, context.Response.StatusCode);
        Assert.Equal("""{"message":"Request \"URI\" Too Long"}""", BodyOf(context));
    }

    [Fact]
    public async Task WriteAsync_Head_WritesHeadersWithoutBody()
    {
        var (context, request) = Request(ApiProtocol.Http, []);
        context.Request.Method = "HEAD";

        await request.Api!.Responses.WriteAsync(context, request, new GatewayError(GatewayResponseType.ResourceNotFound)).WaitAsync(TestTimeouts.Default);

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal(23, context.Response.ContentLength);
        Assert.Equal("", BodyOf(context));
    }

    private static (HttpContext Context, GatewayRequestFeature Request) Request(
        ApiProtocol protocol, Dictionary<GatewayResponseType, GatewayResponseDefinition> responses)
    {
        var api = new CompiledApi(new ApiDefinition
        {
            Name = "api",
            Protocol = protocol,
            GatewayResponses = responses,
            Stages = new Dictionary<string, StageDefinition> { ["prod"] = new() { Name = "prod" } },
        });
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Response.Body = new MemoryStream();
        var request = new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = "abcdefghijklmno=",
            RequestTime = DateTimeOffset.UnixEpoch,
            StartTimestamp = Stopwatch.GetTimestamp(),
            Gateway = CompiledGateway.Empty,
            RequestPath = "/x",
            DomainName = "localhost",
            Api = api,
        };
        return (context, request);
    }

    private static string BodyOf(HttpContext context) =>
        System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
