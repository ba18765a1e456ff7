using System.Text.Json.Nodes;
using Platform.Functions;

namespace Platform.Users.Tests.Handlers;

/// <summary>A function's payload 2.0 response, with its JSON body parsed.</summary>
internal sealed record FunctionResult(APIGatewayHttpApiV2ProxyResponse Response)
{
    public int StatusCode => Response.StatusCode;

    public JsonNode Json => JsonNode.Parse(Response.Body ?? "null") ?? throw new InvalidOperationException("The body is JSON null.");

    public string Header(string name) => Response.Headers?.GetValueOrDefault(name) ?? string.Empty;
}
