using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Platform.Definitions.Routing;

/// <summary>
/// A WebSocket API's <c>routeSelectionExpression</c> (AWS-REFERENCE §7.1): <c>$request.body.action</c>, or a
/// template such as <c>${request.body.a}/${request.body.b}</c>. A property path is dot-separated names into the
/// message's JSON object; a value is stringified (strings as they are, other values as their JSON text) and a
/// missing one is <c>""</c>, as AWS does.
/// </summary>
public sealed class RouteSelectionExpression
{
    private const string BodyPrefix = "request.body.";

    private readonly Part[] _parts;

    private RouteSelectionExpression(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public static RouteSelectionExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out RouteSelectionExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "routeSelectionExpression must be '$request.body.<property>' or a template of '${request.body.<property>}' parts";
            return false;
        }

        // The whole expression is one selector: $request.body.a.b
        if (text.StartsWith('$') && !text.StartsWith("${", StringComparison.Ordinal))
        {
            if (!TryParsePath(text[1..], out var path, out error))
            {
                error = $"routeSelectionExpression '{text}': {error}";
                return false;
            }

            expression = new RouteSelectionExpression(text, [new Part(null, path)]);
            return true;
        }

        var parts = new List<Part>();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("${", at, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new Part(text[at..], null));
                break;
            }

            if (open > at)
            {
                parts.Add(new Part(text[at..open], null));
            }

            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                error = $"routeSelectionExpression '{text}': '${{' at {open} has no closing '}}'";
                return false;
            }

            if (!TryParsePath(text[(open + 2)..close], out var path, out error))
            {
                error = $"routeSelectionExpression '{text}': {error}";
                return false;
            }

            parts.Add(new Part(null, path));
            at = close + 1;
        }

        if (!parts.Any(static p => p.Path is not null))
        {
            error = $"routeSelectionExpression '{text}' selects nothing: use '$request.body.<property>' or '${{request.body.<property>}}'";
            return false;
        }

        expression = new RouteSelectionExpression(text, [.. parts]);
        error = null;
        return true;
    }

    /// <summary>The route key the message selects; null when the message is not a JSON object (the caller uses <c>$default</c>).</summary>
    public string? Evaluate(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (_parts.Length == 1)
        {
            return ValueOf(message, _parts[0]);
        }

        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(ValueOf(message, part));
        }

        return builder.ToString();
    }

    private static string ValueOf(JsonElement message, Part part)
    {
        if (part.Literal is { } literal)
        {
            return literal;
        }

        var current = message;
        foreach (var name in part.Path!)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return "";
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString()!,
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => current.GetRawText(),
        };
    }

    private static bool TryParsePath(string selector, [NotNullWhen(true)] out string[]? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (!selector.StartsWith(BodyPrefix, StringComparison.Ordinal) || selector.Length == BodyPrefix.Length)
        {
            error = $"'{selector}' must be 'request.body.<property>' (only the message body can select a route)";
            return false;
        }

        var names = selector[BodyPrefix.Length..].Split('.');
        if (names.Any(static n => n.Length == 0))
        {
            error = $"'{selector}' has an empty property name";
            return false;
        }

        path = names;
        error = null;
        return true;
    }

    private readonly record struct Part(string? Literal, string[]? Path);
}
