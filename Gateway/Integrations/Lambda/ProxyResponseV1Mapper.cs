using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Maps a payload 1.0 function response (AWS-REFERENCE §2.3): a JSON object with only <c>statusCode</c>,
/// <c>headers</c>, <c>multiValueHeaders</c>, <c>body</c> and <c>isBase64Encoded</c>. Anything else (another key,
/// a field of the wrong type, a plain string, a number, text that is not JSON) is a malformed response. A header
/// in both maps is sent with the multi-value values first; without a Content-Type the response is
/// <c>application/json</c>.
/// </summary>
internal static class ProxyResponseV1Mapper
{
    public const string DefaultContentType = "application/json";

    private static readonly string[] Keys = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];

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
            if (root.ValueKind != JsonValueKind.Object)
            {
                failure = $"the response must be a JSON object with statusCode, headers and body; got {ProxyResponseFields.Describe(root)}";
                return false;
            }

            var fields = new JsonElement?[Keys.Length];
            foreach (var property in root.EnumerateObject())
            {
                var index = Array.IndexOf(Keys, property.Name);
                if (index < 0)
                {
                    failure = $"unknown key '{property.Name}': a payload 1.0 response may only have {string.Join(", ", Keys)}";
                    return false;
                }

                fields[index] = property.Value;
            }

            var builder = new ProxyResponseBuilder();
            if (!ProxyResponseFields.TryReadStatus(fields[0], out var status, out failure)
                || !ProxyResponseFields.TryAddMultiValueHeaders(fields[2], builder, out failure)
                || !ProxyResponseFields.TryAddHeaders(fields[1], builder, out failure)
                || !ProxyResponseFields.TryReadBody(fields[3], fields[4], out var body, out failure))
            {
                return false;
            }

            response = builder.Build(status, body, DefaultContentType);
            return true;
        }
    }
}
