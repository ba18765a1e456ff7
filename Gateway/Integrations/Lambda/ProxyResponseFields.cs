using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// Reading the fields both response formats share, strictly: a field of the wrong JSON type is a malformed
/// response, never silently ignored. JSON <c>null</c> counts as absent, since many runtimes serialise unset
/// fields as <c>null</c> rather than omitting them.
/// </summary>
internal static class ProxyResponseFields
{
    public const int DefaultStatusCode = 200;

    /// <summary><c>statusCode</c>: a JSON integer or a string of digits (<c>"201"</c>), 100 to 599; absent or null is 200.</summary>
    public static bool TryReadStatus(JsonElement? element, out int status, [NotNullWhen(false)] out string? failure)
    {
        status = DefaultStatusCode;
        failure = null;
        switch (element)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var value):
                status = value;
                break;
            case { ValueKind: JsonValueKind.String } text
                when int.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value):
                status = value;
                break;
            default:
                failure = $"statusCode must be an integer or a string of digits; got {Describe(element.Value)}";
                return false;
        }

        if (status is < 100 or > 599)
        {
            failure = $"statusCode {status} is not an HTTP status (100 to 599)";
            return false;
        }

        return true;
    }

    /// <summary><c>headers</c>: an object whose values are strings, numbers or booleans (JSON text: <c>true</c>, <c>1.5</c>), or null.</summary>
    public static bool TryAddHeaders(JsonElement? element, ProxyResponseBuilder builder, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        if (element is null or { ValueKind: JsonValueKind.Null })
        {
            return true;
        }

        if (element.Value.ValueKind != JsonValueKind.Object)
        {
            failure = $"headers must be an object; got {Describe(element.Value)}";
            return false;
        }

        foreach (var header in element.Value.EnumerateObject())
        {
            if (!TryReadHeaderValue(header.Value, out var value))
            {
                failure = $"header '{header.Name}' must be a string, number or boolean; got {Describe(header.Value)}";
                return false;
            }

            if (!builder.TryAdd(header.Name, value, out failure))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>multiValueHeaders</c>: an object whose values are arrays of strings, numbers or booleans, or null.</summary>
    public static bool TryAddMultiValueHeaders(JsonElement? element, ProxyResponseBuilder builder, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        if (element is null or { ValueKind: JsonValueKind.Null })
        {
            return true;
        }

        if (element.Value.ValueKind != JsonValueKind.Object)
        {
            failure = $"multiValueHeaders must be an object; got {Describe(element.Value)}";
            return false;
        }

        foreach (var header in element.Value.EnumerateObject())
        {
            if (header.Value.ValueKind != JsonValueKind.Array)
            {
                failure = $"multiValueHeaders '{header.Name}' must be an array; got {Describe(header.Value)}";
                return false;
            }

            foreach (var item in header.Value.EnumerateArray())
            {
                if (!TryReadHeaderValue(item, out var value))
                {
                    failure = $"multiValueHeaders '{header.Name}' must hold strings, numbers or booleans; got {Describe(item)}";
                    return false;
                }

                if (!builder.TryAdd(header.Name, value, out failure))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary><c>body</c> (a string or null) and <c>isBase64Encoded</c> (a boolean or null): the bytes to send.</summary>
    public static bool TryReadBody(JsonElement? body, JsonElement? isBase64Encoded, out byte[] bytes, [NotNullWhen(false)] out string? failure)
    {
        bytes = [];
        failure = null;
        var base64 = false;
        switch (isBase64Encoded)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.False }:
                break;
            case { ValueKind: JsonValueKind.True }:
                base64 = true;
                break;
            default:
                failure = $"isBase64Encoded must be a boolean; got {Describe(isBase64Encoded.Value)}";
                return false;
        }

        if (body is null or { ValueKind: JsonValueKind.Null })
        {
            return true;
        }

        if (body.Value.ValueKind != JsonValueKind.String)
        {
            failure = $"body must be a string; got {Describe(body.Value)}";
            return false;
        }

        var text = body.Value.GetString()!;
        if (!base64)
        {
            bytes = Encoding.UTF8.GetBytes(text);
            return true;
        }

        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            failure = "isBase64Encoded is true but body is not valid base64";
            return false;
        }
    }

    /// <summary>The JSON type of a value, for failure reasons.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        _ => "null",
    };

    private static bool TryReadHeaderValue(JsonElement element, out string? value)
    {
        value = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            _ => null,
        };
        return value is not null || element.ValueKind == JsonValueKind.Null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
