using System.Text.Json;

namespace Platform.ConnectionHub.Tests.SignalR;

/// <summary>One record of the JSON hub protocol as the hub sent it, with the fields the tests read.</summary>
public sealed record HubMessage(HubMessageType Type, JsonElement Json)
{
    public static HubMessage Parse(ReadOnlySpan<byte> record)
    {
        var json = JsonSerializer.Deserialize<JsonElement>(record);
        return new HubMessage((HubMessageType)json.GetProperty("type").GetInt32(), json);
    }

    /// <summary>The client method an invocation calls.</summary>
    public string? Target => String("target");

    public string? InvocationId => String("invocationId");

    /// <summary>The error of a completion, or of a close (the reason the hub gave for closing).</summary>
    public string? Error => String("error");

    public bool AllowReconnect => Json.TryGetProperty("allowReconnect", out var allow) && allow.GetBoolean();

    public IReadOnlyList<JsonElement> Arguments =>
        Json.TryGetProperty("arguments", out var arguments) ? [.. arguments.EnumerateArray()] : [];

    public override string ToString() => Json.GetRawText();

    private string? String(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
