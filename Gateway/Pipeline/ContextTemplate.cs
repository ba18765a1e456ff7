using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Platform.Gateway.Pipeline;

/// <summary>
/// A text with <c>$context.name</c> variables (AWS-REFERENCE §9), parsed once into literal and variable parts.
/// A variable name is dot-separated identifiers: <c>$context.identity.sourceIp</c>; a dot not followed by a
/// letter or digit ends the name, so <c>$context.status.</c> ends a sentence.
/// </summary>
public sealed class ContextTemplate
{
    private const string Prefix = "$context.";

    private readonly Part[] _parts;

    private ContextTemplate(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public static ContextTemplate Parse(string text) =>
        TryParse(text, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; an unknown variable is an error naming it.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ContextTemplate? template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<Part>();
        var literalStart = 0;
        var at = text.IndexOf(Prefix, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at + Prefix.Length;
            while (end < text.Length)
            {
                if (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')
                {
                    end++;
                }
                else if (text[end] == '.' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]))
                {
                    end++;
                }
                else
                {
                    break;
                }
            }

            var name = text[(at + Prefix.Length)..end];
            if (!ContextVariables.IsKnown(name))
            {
                template = null;
                error = $"unknown variable '$context.{name}'; known: {string.Join(", ", ContextVariables.Names.Order(StringComparer.Ordinal))}";
                return false;
            }

            if (at > literalStart)
            {
                parts.Add(new Part(text[literalStart..at], null));
            }

            parts.Add(new Part(null, ContextVariables.ResolverOf(name)));
            literalStart = end;
            at = text.IndexOf(Prefix, end, StringComparison.Ordinal);
        }

        if (literalStart < text.Length)
        {
            parts.Add(new Part(text[literalStart..], null));
        }

        template = new ContextTemplate(text, [.. parts]);
        error = null;
        return true;
    }

    /// <summary>Renders the template; a variable the request has no value for becomes <paramref name="missing"/>.</summary>
    public string Render(HttpContext context, GatewayRequestFeature request, string missing = "-")
    {
        if (_parts.Length == 1 && _parts[0].Literal is { } only)
        {
            return only;
        }

        var builder = new StringBuilder(Text.Length + 64);
        foreach (var part in _parts)
        {
            builder.Append(part.Literal ?? part.Resolve!(context, request) ?? missing);
        }

        return builder.ToString();
    }

    private readonly record struct Part(string? Literal, Func<HttpContext, GatewayRequestFeature, string?>? Resolve);
}
