using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Maps a payload 2.0 function response (AWS-REFERENCE §2.4).
/// <list type="bullet">
/// <item>An object with a <c>statusCode</c> is the explicit form: <c>statusCode</c>, <c>headers</c>,
/// <c>multiValueHeaders</c>, <c>cookies</c> (each its own <c>Set-Cookie</c>), <c>body</c>, <c>isBase64Encoded</c>
/// (always honoured); other keys are ignored. Without a Content-Type the response is
/// <c>text/plain; charset=utf-8</c>, which is what users report HTTP APIs send (the reference is silent).</item>
/// <item>Any other JSON is the inferred form: 200, <c>application/json</c>, the output itself as the body; a JSON
/// string is unwrapped (<c>"Hello"</c> → <c>Hello</c>).</item>
/// <item>Output that is not JSON is a malformed response.</item>
/// </list>
/// </summary>
internal static class ProxyResponseV2Mapper
{
    public const string InferredContentType = "application/json";
    public const string ExplicitDefaultContentType = "text/plain; charset=utf-8";

    public static bool TryMap(ReadOnlyMemory<byte> output, [NotNullWhen(true)] out ProxyResponse? response, [NotNullWhen(false)] out string? failure)
    {
        response = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException ex)
        {
            failure = "the response is not JSON: " + ex.Message;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                failure = null;
                response = Inferred(Encoding.UTF8.GetBytes(root.GetString()!));
                return true;
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("statusCode", out var statusCode)
                || statusCode.ValueKind == JsonValueKind.Null)
            {
                failure = null;
                response = Inferred(output.ToArray());
                return true;
            }

            return TryMapExplicit(root, statusCode, out response, out failure);
        }
    }

    private static ProxyResponse Inferred(byte[] body) =>
        new(ProxyResponseFields.DefaultStatusCode, [new("Content-Type", InferredContentType)], [], body);

    private static bool TryMapExplicit(JsonElement root, JsonElement statusCode, [NotNullWhen(true)] out ProxyResponse? response, [NotNullWhen(false)] out string? failure)
    {
        response = null;
        var builder = new ProxyResponseBuilder();
        if (!ProxyResponseFields.TryReadStatus(statusCode, out var status, out failure)
            || !ProxyResponseFields.TryAddMultiValueHeaders(Field(root, "multiValueHeaders"), builder, out failure)
            || !ProxyResponseFields.TryAddHeaders(Field(root, "headers"), builder, out failure)
            || !TryAddCookies(Field(root, "cookies"), builder, out failure)
            || !ProxyResponseFields.TryReadBody(Field(root, "body"), Field(root, "isBase64Encoded"), out var body, out failure))
        {
            return false;
        }

        response = builder.Build(status, body, ExplicitDefaultContentType);
        return true;
    }

    private static bool TryAddCookies(JsonElement? element, ProxyResponseBuilder builder, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        if (element is null or { ValueKind: JsonValueKind.Null })
        {
            return true;
        }

        if (element.Value.ValueKind != JsonValueKind.Array)
        {
            failure = $"cookies must be an array of strings; got {ProxyResponseFields.Describe(element.Value)}";
            return false;
        }

        foreach (var cookie in element.Value.EnumerateArray())
        {
            if (cookie.ValueKind != JsonValueKind.String)
            {
                failure = $"cookies must be an array of strings; got {ProxyResponseFields.Describe(cookie)} in it";
                return false;
            }

            if (!builder.TryAddCookie(cookie.GetString()!, out failure))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement? Field(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value : null;
}
