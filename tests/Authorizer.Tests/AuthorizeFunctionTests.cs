using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Platform.Testing.Tokens;

namespace Platform.Authorizer.Tests;

/// <summary>
/// <c>authorize</c> over the invoke contract, validating tokens of a real Identity process: each event shape's
/// answer, every way a token can be missing or bad (an <c>Unauthorized</c> function error), required scopes.
/// </summary>
public sealed class AuthorizeFunctionTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string AllScopes = "orders:read orders:write profile";

    private IdentityProcess Identity => fixture.Identity;

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("{0}")]
    public async Task Invoke_V2EventWithValidToken_SimpleResponseAuthorized(string identitySource)
    {
        await using var app = AuthorizerApp.Start(Identity);
        var token = await Identity.GetTokenAsync();

        var result = await app.InvokeAsync(AuthorizerEvents.V2(string.Format(System.Globalization.CultureInfo.InvariantCulture, identitySource, token)));

        Assert.Null(result.FunctionError);
        Assert.Equal($$$"""{"isAuthorized":true,"context":{"userId":"platform-dev","scopes":"{{{AllScopes}}}"}}""", result.Body.ToJsonString());
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    public async Task Invoke_V1EventWithValidToken_AllowPolicyForMethodArn(string headerName)
    {
        await using var app = AuthorizerApp.Start(Identity);
        var token = await Identity.GetTokenAsync("orders:read");

        var result = await app.InvokeAsync(AuthorizerEvents.V1("Bearer " + token, headerName));

        Assert.Null(result.FunctionError);
        Assert.Equal(Policy("Allow", AuthorizerEvents.MethodArn, "orders:read"), result.Body.ToJsonString());
    }

    [Fact]
    public async Task Invoke_WebSocketConnectWithTokenInQuery_AllowPolicyForConnectArn()
    {
        await using var app = AuthorizerApp.Start(Identity);
        var token = await Identity.GetTokenAsync();

        var result = await app.InvokeAsync(AuthorizerEvents.WebSocketConnect(token));

        Assert.Null(result.FunctionError);
        Assert.Equal(Policy("Allow", AuthorizerEvents.ConnectArn, AllScopes), result.Body.ToJsonString());
    }

    [Fact]
    public async Task Invoke_TokenEvent_AllowPolicy()
    {
        await using var app = AuthorizerApp.Start(Identity);
        var token = await Identity.GetTokenAsync();

        var result = await app.InvokeAsync(AuthorizerEvents.TokenEvent("Bearer " + token));

        Assert.Equal(Policy("Allow", AuthorizerEvents.MethodArn, AllScopes), result.Body.ToJsonString());
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "v2", "no identity source" },
        { "v2", "empty bearer" },
        { "v2", "garbage" },
        { "v2", "payload changed after signing" },
        { "v2", "alg none" },
        { "v2", "signed by another key with iss http://identity" },
        { "v1", "no header" },
        { "v1", "garbage" },
        { "websocket", "no token" },
        { "websocket", "payload changed after signing" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invoke_MissingOrBadToken_UnauthorizedError(string shape, string bad)
    {
        await using var app = AuthorizerApp.Start(Identity);
        var token = await Identity.GetTokenAsync();
        using var stranger = TestSigningKey.CreateRsa("stranger");
        var value = bad switch
        {
            "no identity source" or "no header" or "no token" => null,
            "empty bearer" => "Bearer ",
            "garbage" => "Bearer not-a-token",
            "payload changed after signing" => Tamper(token),
            "alg none" => TestTokens.AlgNone(Payload(token)),
            "signed by another key with iss http://identity" => stranger.CreateToken(Payload(token)),
            _ => throw new ArgumentOutOfRangeException(nameof(bad), bad, "no such token"),
        };
        var @event = shape switch
        {
            "v2" => AuthorizerEvents.V2(value),
            "v1" => AuthorizerEvents.V1(value),
            _ => AuthorizerEvents.WebSocketConnect(value),
        };

        var result = await app.InvokeAsync(@event);

        Assert.Equal(200, result.Status);
        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("Unauthorized", result.Body["errorMessage"]!.GetValue<string>());
        Assert.Equal("UnauthorizedException", result.Body["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_TokenForOtherAudience_UnauthorizedError()
    {
        await using var app = AuthorizerApp.Start(Identity, new Dictionary<string, string?> { ["Authorizer:Audience"] = "billing" });
        var token = await Identity.GetTokenAsync();

        var result = await app.InvokeAsync(AuthorizerEvents.V2("Bearer " + token));

        Assert.Equal("Unauthorized", result.Body["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_ValidTokenWithoutRequiredScope_Denied()
    {
        await using var app = AuthorizerApp.Start(Identity, new Dictionary<string, string?> { ["Authorizer:RequiredScopes:0"] = "orders:write" });
        var token = await Identity.GetTokenAsync("orders:read profile");

        var v2 = await app.InvokeAsync(AuthorizerEvents.V2("Bearer " + token));
        var v1 = await app.InvokeAsync(AuthorizerEvents.V1("Bearer " + token));

        Assert.Equal("""{"isAuthorized":false,"context":{"userId":"platform-dev","scopes":"orders:read profile"}}""", v2.Body.ToJsonString());
        Assert.Equal(Policy("Deny", AuthorizerEvents.MethodArn, "orders:read profile"), v1.Body.ToJsonString());
    }

    [Fact]
    public async Task Invoke_ValidTokenWithOneRequiredScope_Allowed()
    {
        await using var app = AuthorizerApp.Start(Identity, new Dictionary<string, string?>
        {
            ["Authorizer:RequiredScopes:0"] = "admin",
            ["Authorizer:RequiredScopes:1"] = "orders:write",
        });
        var token = await Identity.GetTokenAsync("orders:write");

        var result = await app.InvokeAsync(AuthorizerEvents.V2(token));

        Assert.True(result.Body["isAuthorized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Invoke_V1EventWithoutArn_FunctionFailsOtherwise()
    {
        await using var app = AuthorizerApp.Start(Identity);
        var token = await Identity.GetTokenAsync();
        var @event = AuthorizerEvents.V1("Bearer " + token);
        @event.Remove("methodArn");

        var result = await app.InvokeAsync(@event);

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("InvalidOperationException", result.Body["errorType"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Authorizer:Issuer", "identity", "Authorizer:Issuer 'identity' must be an absolute http(s) URL")]
    [InlineData("Authorizer:Audience", "", "Authorizer:Audience is required")]
    [InlineData("Authorizer:ClockSkew", "01:00:00", "Authorizer:ClockSkew must be 0 to 00:05:00")]
    public void Start_BadSetting_FailsNamingTheKey(string key, string value, string message)
    {
        using var factory = AuthorizerApp.Configure(Identity.Address, new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException() as OptionsValidationException ?? error);
        Assert.Contains(validation.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    private static string Policy(string effect, string arn, string scopes) =>
        $$$"""{"principalId":"platform-dev","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"{{{effect}}}","Resource":"{{{arn}}}"}]},"context":{"userId":"platform-dev","scopes":"{{{scopes}}}"}}""";

    private static JsonObject Payload(string token) =>
        JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        payload["sub"] = "admin";
        return parts[0] + "." + TestTokens.Encode(payload) + "." + parts[2];
    }
}
