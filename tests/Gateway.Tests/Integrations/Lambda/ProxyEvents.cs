using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Functions;
using Platform.Gateway.Integrations.Lambda;

namespace Platform.Gateway.Tests.Integrations.Lambda;

/// <summary>Builds events from <see cref="ProxyTestRequest"/>s and reads them as JSON, exactly as the handler sends them.</summary>
internal static class ProxyEvents
{
    public static readonly ActivityTraceId TraceId = ActivityTraceId.CreateFromString("5e66d96f7491f09a0cd79d18acf3d050");

    public const string TraceHeader = "Root=1-5e66d96f-7491f09a0cd79d18acf3d050";

    public static JsonObject V1(ProxyTestRequest request)
    {
        var (context, feature) = request.Build();
        var built = ProxyEventV1Builder.Build(context, feature, request.Body, TraceId);
        return JsonNode.Parse(JsonSerializer.Serialize(built, FunctionJsonContext.Wire.APIGatewayProxyRequest))!.AsObject();
    }

    public static JsonObject V2(ProxyTestRequest request)
    {
        var (context, feature) = request.Build();
        var built = ProxyEventV2Builder.Build(context, feature, request.Body, TraceId);
        return JsonNode.Parse(JsonSerializer.Serialize(built, FunctionJsonContext.Wire.APIGatewayHttpApiV2ProxyRequest))!.AsObject();
    }

    /// <summary>Sets a header in both 1.0 maps, as one value.</summary>
    public static void SetHeaderV1(JsonObject @event, string name, string value)
    {
        @event["headers"]![name] = value;
        @event["multiValueHeaders"]![name] = new JsonArray(value);
    }

    public static string? Text(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString();
    }
}
