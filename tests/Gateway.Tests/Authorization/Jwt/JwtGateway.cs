using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Pipeline;
using Platform.Testing.Tokens;

namespace Platform.Gateway.Tests.Authorization.Jwt;

/// <summary>
/// The gateway in process serving an HTTP API whose routes are guarded by JWT authorizers of a real
/// <see cref="TestIssuer"/> (RSA key <c>rsa-1</c>, EC key <c>ec-1</c>):
/// <list type="bullet">
/// <item><c>GET /me</c> (authorizer <c>idp</c>), <c>POST /orders</c> (scopes <c>orders:write</c> or <c>admin</c>),
/// <c>GET /hs</c> (authorizer <c>shared</c>, HS256 secret <see cref="SharedSecret"/>), <c>GET /query</c> (token in
/// <c>?token=</c>): MOCK answers <c>principalId|claims.sub|scopes</c> from <c>$context.authorizer</c>;</item>
/// <item><c>GET /event/v2</c>, <c>GET /event/v1</c>: AWS_PROXY to <c>http://echo</c>'s <c>echo</c> function, payload 2.0 / 1.0;</item>
/// <item><c>GET /open</c>: no authorizer.</item>
/// </list>
/// The stage's access log writes <c>$context.authorizer.principalId $context.authorizer.claims.sub $context.status</c>.
/// </summary>
internal sealed class JwtGateway : IAsyncDisposable
{
    public const string Audience = "platform";
    public const string SharedSecret = "shared-secret-of-the-hs256-route-32+";

    private JwtGateway(TestIssuer issuer, RsaTestKey rsa, EcTestKey ec, GatewayApp app)
    {
        Issuer = issuer;
        Rsa = rsa;
        Ec = ec;
        App = app;
        Client = app.CreateClient();
    }

    public TestIssuer Issuer { get; }

    public RsaTestKey Rsa { get; }

    public EcTestKey Ec { get; }

    public GatewayApp App { get; }

    public HttpClient Client { get; }

    /// <param name="settings">Extra gateway configuration, e.g. <c>Platform:Jwt:MinRefreshInterval</c>.</param>
    /// <param name="echo">The address of the <c>echo</c> function host, when a test calls the <c>/event</c> routes.</param>
    public static async Task<JwtGateway> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Uri? echo = null)
    {
        var rsa = TestSigningKey.CreateRsa("rsa-1");
        var ec = TestSigningKey.CreateEc("ec-1");
        var issuer = await TestIssuer.StartAsync(rsa, ec);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["services:echo:http:0"] = echo?.ToString() ?? "http://127.0.0.1:9",
        };
        var app = GatewayApp.Start(Definitions(issuer.PublicIssuer), all);
        return new JwtGateway(issuer, rsa, ec, app);
    }

    public static string Definitions(string issuer) => $$"""
        {
          "apis": {
            "shop": {
              "protocol": "HTTP",
              "routes": {
                "GET /me": { "integration": "whoami", "authorizationType": "JWT", "authorizerId": "idp" },
                "POST /orders": { "integration": "whoami", "authorizationType": "JWT", "authorizerId": "idp", "authorizationScopes": ["orders:write", "admin"] },
                "GET /hs": { "integration": "whoami", "authorizationType": "JWT", "authorizerId": "shared" },
                "GET /query": { "integration": "whoami", "authorizationType": "JWT", "authorizerId": "query" },
                "GET /event/v2": { "integration": "echo2", "authorizationType": "JWT", "authorizerId": "idp" },
                "GET /event/v1": { "integration": "echo1", "authorizationType": "JWT", "authorizerId": "idp" },
                "GET /open": { "integration": "whoami" }
              },
              "integrations": {
                "whoami": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "$context.authorizer.principalId|$context.authorizer.claims.sub|$context.authorizer.scopes" } },
                "echo2": { "integrationType": "AWS_PROXY", "integrationUri": "http://echo", "functionName": "echo", "payloadFormatVersion": "2.0" },
                "echo1": { "integrationType": "AWS_PROXY", "integrationUri": "http://echo", "functionName": "echo", "payloadFormatVersion": "1.0" }
              },
              "authorizers": {
                "idp": { "authorizerType": "JWT", "jwtConfiguration": { "issuer": "{{issuer}}", "audience": ["{{Audience}}"] } },
                "shared": { "authorizerType": "JWT", "jwtConfiguration": { "issuer": "{{issuer}}", "audience": ["{{Audience}}"], "sharedSecrets": ["{{SharedSecret}}"] } },
                "query": { "authorizerType": "JWT", "identitySource": ["$request.querystring.token"], "jwtConfiguration": { "issuer": "{{issuer}}", "audience": ["{{Audience}}"] } }
              },
              "stages": {
                "$default": { "accessLogSettings": { "format": "$context.authorizer.principalId $context.authorizer.claims.sub $context.status" } }
              }
            }
          },
          "domainNames": { "$default": { "apiMappings": [ { "apiMappingKey": "", "api": "shop", "stage": "$default" } ] } }
        }
        """;

    /// <summary>Claims of this issuer for <see cref="Audience"/>, subject <c>user-1</c>, valid for an hour.</summary>
    public JsonObject Claims() => TestTokens.Claims(Issuer.PublicIssuer, Audience, DateTimeOffset.UtcNow);

    public async Task<HttpResponseMessage> GetAsync(string path, string? authorization, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Client.SendAsync(request).WaitAsync(TestTimeouts.Default);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Issuer.DisposeAsync();
        Rsa.Dispose();
        Ec.Dispose();
    }
}
