using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Runtime;
using Platform.Gateway.WebSockets;

namespace Platform.Gateway.Tests.WebSockets;

/// <summary>The request the hub receives, built from a <see cref="DefaultHttpContext"/>: target, route path and key, headers.</summary>
public sealed class HubRequestTests
{
    private static readonly Uri Replica = new("http://127.0.0.1:5000/");

    [Theory]
    [InlineData(null, "")]
    [InlineData("/", "")]
    [InlineData("/@connections/AbC%3D", "/@connections/AbC%3D")]
    [InlineData("/signalr/negotiate", "/signalr/negotiate")]
    public void RoutePathOf_ResolvedPath_RawRemainderEmptyAtRoot(string? routePath, string expected)
    {
        var request = Feature("/chat" + routePath, routePath);

        Assert.Equal(expected, HubRequest.RoutePathOf(request));
    }

    [Theory]
    [InlineData("", "$default")]
    [InlineData("/@connections", "@connections")]
    [InlineData("/@connections/AbC%3D", "@connections")]
    [InlineData("/%40connections/AbC%3D", "@connections")]
    [InlineData("/%40Connections/AbC%3D", "$default")]
    [InlineData("/@connectionsX/a", "$default")]
    [InlineData("/signalr/negotiate", "$default")]
    [InlineData("/room/@connections", "$default")]
    public void RouteKeyOf_RoutePath_ManagementCallsNamed(string routePath, string expected) =>
        Assert.Equal(expected, HubRequest.RouteKeyOf(routePath));

    [Theory]
    [InlineData(true, "websocket", true)]
    [InlineData(true, "WebSocket", true)]
    [InlineData(true, "h2c", false)]
    [InlineData(false, "websocket", false)]
    public void IsWebSocketUpgrade_UpgradableAndUpgradeHeader_Both(bool upgradable, string upgrade, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpUpgradeFeature>(new Upgradable(upgradable));
        context.Request.Headers.Upgrade = upgrade;

        Assert.Equal(expected, HubRequest.IsWebSocketUpgrade(context));
    }

    [Fact]
    public void TargetOf_RawTarget_KeptExactly()
    {
        var context = new DefaultHttpContext();
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/chat/@connections/AbC%3D?x=%2F&y=%41";

        var target = HubRequest.TargetOf(context, Replica);

        Assert.Equal("http://127.0.0.1:5000/chat/@connections/AbC%3D?x=%2F&y=%41", target.OriginalString);
        Assert.Equal("/chat/@connections/AbC%3D?x=%2F&y=%41", target.PathAndQuery);
    }

    [Fact]
    public void Create_Upgrade_ClientHeadersKeptGatewayHeadersSetForgedDropped()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("10.1.2.3");
        var headers = context.Request.Headers;
        headers.Host = "chat.example.com";
        headers.Connection = "Upgrade";
        headers.Upgrade = "websocket";
        headers["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ==";
        headers["Sec-WebSocket-Protocol"] = "chat.v1";
        headers["X-Platform-Api-Id"] = "evil";
        headers["x-platform-stage"] = "evil";
        headers["X-Platform-Whatever"] = "evil";
        headers["X-Forwarded-Host"] = "evil.example";
        var request = Feature("/chat/room", "/room");

        using var outbound = HubRequest.Create(context, request, Replica, upgrade: true, out var body);

        Assert.Null(body);
        Assert.Null(outbound.Content);
        Assert.Equal(System.Net.HttpVersion.Version11, outbound.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, outbound.VersionPolicy);
        Assert.Equal("chat.example.com", Single(outbound, "Host"));
        Assert.Equal("chat.example.com", Single(outbound, "X-Forwarded-Host"));
        Assert.Equal("Upgrade", Single(outbound, "Connection"));
        Assert.Equal("websocket", Single(outbound, "Upgrade"));
        Assert.Equal("dGhlIHNhbXBsZSBub25jZQ==", Single(outbound, "Sec-WebSocket-Key"));
        Assert.Equal("chat.v1", Single(outbound, "Sec-WebSocket-Protocol"));
        Assert.Equal("chat", Single(outbound, "X-Platform-Api-Id"));
        Assert.Equal("prod", Single(outbound, "X-Platform-Stage"));
        Assert.Equal("/room", Single(outbound, "X-Platform-Route-Path"));
        Assert.Equal(request.RequestId, Single(outbound, "X-Platform-Request-Id"));
        Assert.Equal("10.1.2.3", Single(outbound, "X-Forwarded-For"));
        Assert.False(outbound.Headers.Contains("X-Platform-Whatever"));
    }

    [Fact]
    public void Create_PostWithBody_StreamedWithItsContentHeaders()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Headers.Host = "localhost:8080";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = 2;
        context.Request.Body = new MemoryStream("{}"u8.ToArray());

        using var outbound = HubRequest.Create(context, Feature("/chat/@connections/a", "/@connections/a"), Replica, upgrade: false, out var body);

        Assert.NotNull(body);
        Assert.Same(body, outbound.Content);
        Assert.Equal(2, outbound.Content!.Headers.ContentLength);
        Assert.Equal("application/json", outbound.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpVersionPolicy.RequestVersionOrLower, outbound.VersionPolicy);
        Assert.False(outbound.Headers.Contains("Upgrade"));
        Assert.Equal("/@connections/a", Single(outbound, "X-Platform-Route-Path"));
    }

    private static string Single(HttpRequestMessage message, string name) =>
        Assert.Single(message.Headers.NonValidated[name]);

    private static GatewayRequestFeature Feature(string requestPath, string? routePath)
    {
        var stage = new StageDefinition { Name = "prod" };
        var api = new CompiledApi(new ApiDefinition
        {
            Name = "chat",
            Protocol = ApiProtocol.WebSocket,
            Stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal) { [stage.Name] = stage },
        });
        return new GatewayRequestFeature
        {
            RequestId = Guid.NewGuid().ToString(),
            ExtendedRequestId = "AbCdEfGhIjKlMnO=",
            RequestTime = DateTimeOffset.UnixEpoch,
            StartTimestamp = 0,
            Gateway = CompiledGateway.Empty,
            RequestPath = requestPath,
            DomainName = "localhost",
            Api = api,
            Stage = stage,
            RoutePath = routePath,
            BasePathMatched = "chat",
        };
    }

    private sealed class Upgradable(bool upgradable) : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => upgradable;

        public Task<Stream> UpgradeAsync() => throw new InvalidOperationException("Not upgraded in these tests.");
    }
}
