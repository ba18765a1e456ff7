using System.Text;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Routing;
using Platform.Definitions.Routing;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Http;

/// <summary>
/// An HTTP_PROXY integration URI, parsed once per <see cref="IntegrationDefinition"/> into literal text,
/// <c>{name}</c> path parameters and <c>${stageVariables.name}</c> references, and expanded per request:
/// <list type="bullet">
/// <item><c>{name}</c> becomes the path parameter percent-encoded as one segment (a <c>/</c> in it is <c>%2F</c>);</item>
/// <item><c>{proxy}</c>, when <c>proxy</c> is the route's greedy <c>{proxy+}</c>, keeps its slashes and escapes each
/// segment; <c>{proxy+}</c> in the URI is read as <c>{proxy}</c>;</item>
/// <item><c>${stageVariables.name}</c> becomes the stage variable as written (AWS restricts their characters so
/// that they can be spliced into URLs); a missing one, or a missing path parameter, becomes empty;</item>
/// <item>for the <c>$default</c> route the request's encoded route path is appended to the URI's path
/// (AWS-REFERENCE §1.1), and the client's raw query string is appended to the URI's query.</item>
/// </list>
/// A segment that is <c>.</c> or <c>..</c> after decoding is sent as <c>%2E</c>/<c>%2E%2E</c>, so that a
/// parameter value can never walk the backend path upwards.
/// </summary>
internal sealed class IntegrationUriTemplate
{
    private const string StageVariablePrefix = "${stageVariables.";

    private readonly Part[] _parts;

    private IntegrationUriTemplate(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>. Never fails: a brace that does not form a placeholder is literal text.</summary>
    public static IntegrationUriTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith(StageVariablePrefix, StringComparison.Ordinal)
                && text.IndexOf('}', i) is var stageEnd and > 0
                && IsName(text.AsSpan(i + StageVariablePrefix.Length, stageEnd - i - StageVariablePrefix.Length)))
            {
                Flush(literal, parts);
                parts.Add(new Part(PartKind.StageVariable, text[(i + StageVariablePrefix.Length)..stageEnd]));
                i = stageEnd + 1;
                continue;
            }

            if (text[i] == '{' && text.IndexOf('}', i) is var end and > 0)
            {
                var name = text.AsSpan(i + 1, end - i - 1);
                if (name.EndsWith("+", StringComparison.Ordinal))
                {
                    name = name[..^1];
                }

                if (IsName(name))
                {
                    Flush(literal, parts);
                    parts.Add(new Part(PartKind.PathParameter, name.ToString()));
                    i = end + 1;
                    continue;
                }
            }

            literal.Append(text[i]);
            i++;
        }

        Flush(literal, parts);
        return new IntegrationUriTemplate(text, [.. parts]);
    }

    /// <summary>The target URL for <paramref name="request"/>, as text; <paramref name="clientQuery"/> is the raw query, with or without its <c>?</c>.</summary>
    public string Expand(GatewayRequestFeature request, string? clientQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Route?.Key;
        var greedyName = key is { IsGreedy: true } ? key.Segments[^1].Value : null;

        // REST APIs keep path parameters as the client sent them; HTTP APIs decode them.
        var encoded = request.Api?.Protocol == ApiProtocol.Rest;
        var builder = new StringBuilder(Text.Length + 64);
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.Literal:
                    builder.Append(part.Value);
                    break;
                case PartKind.StageVariable:
                    builder.Append(request.Stage?.StageVariables.GetValueOrDefault(part.Value));
                    break;
                default:
                    var value = request.PathParameters?.GetValueOrDefault(part.Value) ?? "";
                    AppendParameter(builder, value, greedy: part.Value == greedyName, encoded);
                    break;
            }
        }

        return Assemble(builder.ToString(), key is { IsDefault: true } ? request.RoutePath : null, clientQuery);
    }

    private static string Assemble(string expanded, string? appendPath, string? clientQuery)
    {
        var fragment = expanded.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            expanded = expanded[..fragment];
        }

        var question = expanded.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? expanded : expanded[..question];
        var query = question < 0 ? "" : expanded[(question + 1)..];
        if (appendPath is { Length: > 0 })
        {
            path = path.TrimEnd('/') + (appendPath[0] == '/' ? appendPath : "/" + appendPath);
        }

        var extra = clientQuery is { Length: > 0 } && clientQuery[0] == '?' ? clientQuery[1..] : clientQuery ?? "";
        if (extra.Length > 0)
        {
            query = query.Length == 0 ? extra : query + "&" + extra;
        }

        return query.Length == 0 ? path : path + "?" + query;
    }

    private static void AppendParameter(StringBuilder builder, string value, bool greedy, bool encoded)
    {
        if (!greedy)
        {
            AppendSegment(builder, value, encoded);
            return;
        }

        var first = true;
        foreach (var range in value.AsSpan().Split('/'))
        {
            if (!first)
            {
                builder.Append('/');
            }

            AppendSegment(builder, value[range], encoded);
            first = false;
        }
    }

    private static void AppendSegment(StringBuilder builder, string segment, bool encoded)
    {
        var decoded = encoded ? RequestPath.Unescape(segment) : segment;
        switch (decoded)
        {
            case ".":
                builder.Append("%2E");
                break;
            case "..":
                builder.Append("%2E%2E");
                break;
            default:
                builder.Append(Uri.EscapeDataString(decoded));
                break;
        }
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
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

    private static void Flush(StringBuilder literal, List<Part> parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(PartKind.Literal, literal.ToString()));
            literal.Clear();
        }
    }

    private enum PartKind
    {
        Literal,
        PathParameter,
        StageVariable,
    }

    private readonly record struct Part(PartKind Kind, string Value);
}
