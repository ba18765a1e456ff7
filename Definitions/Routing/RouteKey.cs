using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Routing;

/// <summary>
/// A parsed route key, per AWS-REFERENCE §1.1: <c>"&lt;METHOD&gt; &lt;path&gt;"</c> or <c>$default</c>. METHOD is one of
/// GET POST PUT PATCH DELETE HEAD OPTIONS ANY; path segments are literals, <c>{name}</c> or a last <c>{name+}</c>.
/// A path ending in <c>/</c> (other than <c>/</c>) is rejected, as AWS rejects it. A WebSocket API's keys are
/// plain names (<see cref="TryParseWebSocket"/>): <c>$connect</c>, <c>$disconnect</c>, <c>$default</c> or a custom key.
/// </summary>
public sealed class RouteKey : IEquatable<RouteKey>
{
    public const string DefaultKey = "$default";
    public const string AnyMethod = "ANY";
    public const string ConnectKey = "$connect";
    public const string DisconnectKey = "$disconnect";

    /// <summary>AWS's limit on a WebSocket route key's length.</summary>
    public const int MaxWebSocketKeyLength = 128;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", AnyMethod];

    private RouteKey(string text, string? method, string? path, RouteSegment[] segments)
    {
        Text = text;
        Method = method;
        Path = path;
        Segments = segments;
    }

    public static RouteKey Default { get; } = new(DefaultKey, null, null, []);

    /// <summary>True for the key of a WebSocket API route (no method, no path; <see cref="Text"/> is the key).</summary>
    public bool IsWebSocket { get; private init; }

    /// <summary>The key as written, e.g. <c>GET /users/{userId}</c>; it is the <c>routeKey</c> of events.</summary>
    public string Text { get; }

    /// <summary>The method in upper case (<c>ANY</c> included); null for <c>$default</c>.</summary>
    public string? Method { get; }

    /// <summary>The path, e.g. <c>/users/{userId}</c> (REST's <c>resource</c>); null for <c>$default</c>.</summary>
    public string? Path { get; }

    public IReadOnlyList<RouteSegment> Segments { get; }

    public bool IsDefault => Text == DefaultKey;

    public bool IsAnyMethod => Method == AnyMethod;

    public bool IsGreedy => Segments.Count > 0 && Segments[^1].Kind == RouteSegmentKind.Greedy;

    /// <summary>
    /// The key with parameter names erased (<c>GET /pets/{}</c>, <c>ANY /{+}</c>): two routes with the same shape
    /// match exactly the same requests, so a definition may not declare both.
    /// </summary>
    public string Shape => IsDefault || IsWebSocket
        ? Text
        : Method + " /" + string.Join('/', Segments.Select(static s => s.Kind switch
        {
            RouteSegmentKind.Parameter => "{}",
            RouteSegmentKind.Greedy => "{+}",
            _ => s.Value,
        }));

    public static RouteKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>Parses a route key; on failure <paramref name="error"/> says exactly what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RouteKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a route key must be \"<METHOD> <path>\" or \"$default\"; got an empty string";
            return false;
        }

        if (text == DefaultKey)
        {
            key = Default;
            error = null;
            return true;
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space != text.LastIndexOf(' '))
        {
            error = $"route key '{text}' must be \"<METHOD> <path>\" with a single space, or \"$default\"";
            return false;
        }

        var method = text[..space];
        var path = text[(space + 1)..];
        if (Array.IndexOf(Methods, method) < 0)
        {
            error = $"route key '{text}': method '{method}' must be one of {string.Join(", ", Methods)} (upper case)";
            return false;
        }

        if (!TryParsePath(path, out var segments, out var pathError))
        {
            error = $"route key '{text}': {pathError}";
            return false;
        }

        key = new RouteKey(text, method, path, segments);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses a WebSocket API route key: <c>$connect</c>, <c>$disconnect</c>, <c>$default</c>, or a custom key of 1
    /// to 128 characters that does not start with <c>$</c> (AWS reserves those) and has no control characters.
    /// </summary>
    public static bool TryParseWebSocket(string? text, [NotNullWhen(true)] out RouteKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a WebSocket route key must be $connect, $disconnect, $default or a custom key; got an empty string";
            return false;
        }

        if (text.StartsWith('$') && text is not (ConnectKey or DisconnectKey or DefaultKey))
        {
            error = $"route key '{text}': keys starting with '$' are reserved; use $connect, $disconnect, $default or a key without '$'";
            return false;
        }

        if (text.Length > MaxWebSocketKeyLength)
        {
            error = $"route key '{text[..32]}...' is {text.Length} characters; the limit is {MaxWebSocketKeyLength}";
            return false;
        }

        if (text.Any(char.IsControl))
        {
            error = $"route key '{text}' contains a control character";
            return false;
        }

        key = new RouteKey(text, null, null, []) { IsWebSocket = true };
        error = null;
        return true;
    }

    private static bool TryParsePath(string path, out RouteSegment[] segments, [NotNullWhen(false)] out string? error)
    {
        segments = [];
        if (!path.StartsWith('/'))
        {
            error = "the path must start with '/'";
            return false;
        }

        if (path == "/")
        {
            error = null;
            return true;
        }

        if (path.EndsWith('/'))
        {
            error = "the path must not end with '/'";
            return false;
        }

        var parts = path[1..].Split('/');
        var result = new RouteSegment[parts.Length];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                error = "the path must not contain an empty segment ('//')";
                return false;
            }

            if (part[0] == '{' || part[^1] == '}')
            {
                if (part[0] != '{' || part[^1] != '}')
                {
                    error = $"segment '{part}' must be a whole '{{name}}' or '{{name+}}'";
                    return false;
                }

                var greedy = part.Length > 2 && part[^2] == '+';
                var name = part[1..(greedy ? ^2 : ^1)];
                if (!IsParameterName(name))
                {
                    error = $"segment '{part}': a parameter name must be letters, digits, '_', '-' or '.'";
                    return false;
                }

                if (greedy && i != parts.Length - 1)
                {
                    error = $"the greedy segment '{part}' must be the last segment";
                    return false;
                }

                if (!names.Add(name))
                {
                    error = $"parameter '{name}' appears twice";
                    return false;
                }

                result[i] = new RouteSegment(greedy ? RouteSegmentKind.Greedy : RouteSegmentKind.Parameter, name);
                continue;
            }

            if (part.Contains('{', StringComparison.Ordinal) || part.Contains('}', StringComparison.Ordinal))
            {
                error = $"segment '{part}' mixes literal text and a parameter; a parameter must be a whole segment";
                return false;
            }

            if (!IsValidPercentEncoding(part))
            {
                error = $"segment '{part}' is not valid percent-encoding ('%' must be followed by two hex digits)";
                return false;
            }

            result[i] = new RouteSegment(RouteSegmentKind.Literal, Uri.UnescapeDataString(part));
        }

        segments = result;
        error = null;
        return true;
    }

    private static bool IsValidPercentEncoding(string segment)
    {
        for (var i = segment.IndexOf('%', StringComparison.Ordinal); i >= 0; i = segment.IndexOf('%', i + 1))
        {
            if (i + 2 >= segment.Length || !char.IsAsciiHexDigit(segment[i + 1]) || !char.IsAsciiHexDigit(segment[i + 2]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsParameterName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(RouteKey? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as RouteKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
