using System.Net;
using System.Text.Json.Nodes;

namespace Platform.Orders.Tests.Api;

/// <summary>An answer of the Orders API, read whole: status, the headers the API sets, and the body as text and as JSON.</summary>
internal sealed record ApiResponse(HttpStatusCode StatusCode, string? ContentType, string? Location, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");
}
