using Platform.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Functions.Tests.Events;

public sealed class WebSocketEventTests
{
    [Theory]
    [InlineData(nameof(ReferencePayloads.WebSocketConnect))]
    [InlineData(nameof(ReferencePayloads.WebSocketMessage))]
    [InlineData(nameof(ReferencePayloads.WebSocketDisconnect))]
    [InlineData(nameof(ReferencePayloads.WebSocketMessageAuthorized))]
    public void Event_ReferencePayload_RoundTripsUnchanged(string payload)
    {
        // Arrange
        var json = JsonAssert.Payload(payload);

        // Act + Assert
        JsonAssert.RoundTrips(json, FunctionJsonContext.Default.APIGatewayWebSocketRequest);
    }

    [Fact]
    public void Event_Connect_ReadsConnectionAndHandshake()
    {
        // Act
        var request = JsonSerializer.Deserialize(ReferencePayloads.WebSocketConnect, FunctionJsonContext.Default.APIGatewayWebSocketRequest)!;

        // Assert
        var context = request.RequestContext!;
        Assert.Equal(WebSocketEventTypes.Connect, context.EventType);
        Assert.Equal("$connect", context.RouteKey);
        Assert.Equal("IN", context.MessageDirection);
        Assert.Equal("AAAAAAAAAAAAAAA=", context.ConnectionId);
        Assert.Equal(1707502303419, context.ConnectedAt);
        Assert.Equal("wscat", context.Identity!.UserAgent);
        Assert.Equal("13", request.Headers!["Sec-WebSocket-Version"]);
        Assert.Equal("lobby", request.QueryStringParameters!["room"]);
        Assert.Null(context.MessageId);
        Assert.Null(request.Body);
    }

    [Fact]
    public void Event_Disconnect_ReadsCloseStatusAndReason()
    {
        // Act
        var request = JsonSerializer.Deserialize(ReferencePayloads.WebSocketDisconnect, FunctionJsonContext.Default.APIGatewayWebSocketRequest)!;

        // Assert
        var context = request.RequestContext!;
        Assert.Equal(WebSocketEventTypes.Disconnect, context.EventType);
        Assert.Equal(1005, context.DisconnectStatusCode);
        Assert.Equal("Client-side close frame status not set", context.DisconnectReason);
    }

    [Fact]
    public void Event_AuthorizedBinaryMessage_CarriesAuthorizerAndDecodesFrame()
    {
        // Act
        var request = JsonSerializer.Deserialize(
            ReferencePayloads.WebSocketMessageAuthorized, FunctionJsonContext.Default.APIGatewayWebSocketRequest)!;

        // Assert
        Assert.Equal(WebSocketEventTypes.Message, request.RequestContext!.EventType);
        Assert.Equal("user-1", request.RequestContext.Authorizer!["principalId"].GetString());
        Assert.Equal(new byte[] { 1, 2, 3 }, request.GetBodyBytes());
    }

    [Fact]
    public void Event_Message_WritesNoHeadersAndNoDisconnectFields()
    {
        // Arrange
        var request = new APIGatewayWebSocketRequest
        {
            RequestContext = new APIGatewayWebSocketRequestContext
            {
                EventType = WebSocketEventTypes.Message,
                MessageId = "m=",
                Identity = new APIGatewayWebSocketIdentity { SourceIp = "192.0.2.1" },
            },
            Body = "hi",
        };

        // Act
        var written = JsonNode.Parse(JsonSerializer.Serialize(request, FunctionJsonContext.Default.APIGatewayWebSocketRequest))!.AsObject();

        // Assert
        Assert.False(written.ContainsKey("headers"));
        Assert.False(written.ContainsKey("multiValueHeaders"));
        var context = written["requestContext"]!.AsObject();
        Assert.False(context.ContainsKey("disconnectStatusCode"));
        Assert.False(context.ContainsKey("disconnectReason"));
        Assert.False(context.ContainsKey("authorizer"));
        JsonAssert.Equivalent("""{"sourceIp": "192.0.2.1"}""", context["identity"]!.ToJsonString());
    }
}
