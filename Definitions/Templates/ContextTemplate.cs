using System.Diagnostics.CodeAnalysis;

namespace Platform.Definitions.Templates;

/// <summary>
/// A text with <c>$context.name</c> variables (AWS-REFERENCE §9), parsed once into literal and variable parts.
/// A variable name is dot-separated identifiers: <c>$context.identity.sourceIp</c>; a dot not followed by a
/// letter or digit ends the name, so <c>$context.status.</c> ends a sentence.
/// </summary>
public sealed class ContextTemplate
{
    private const string Prefix = "$context.";

    private ContextTemplate(string text, ContextTemplatePart[] parts)
    {
        Text = text;
        Parts = parts;
    }

    public string Text { get; }

    /// <summary>Literal text and variables in order; each process renders them from its own request state.</summary>
    public IReadOnlyList<ContextTemplatePart> Parts { get; }

    public static ContextTemplate Parse(string text) =>
        TryParse(text, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; an unknown variable is an error naming it.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ContextTemplate? template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<ContextTemplatePart>();
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
            if (!ContextVariableNames.IsKnown(name))
            {
                template = null;
                error = $"unknown variable '$context.{name}'; known: {string.Join(", ", ContextVariableNames.All.Order(StringComparer.Ordinal))}";
                return false;
            }

            if (at > literalStart)
            {
                parts.Add(new ContextTemplatePart(text[literalStart..at], null));
            }

            parts.Add(new ContextTemplatePart(null, name));
            literalStart = end;
            at = text.IndexOf(Prefix, end, StringComparison.Ordinal);
        }

        if (literalStart < text.Length)
        {
            parts.Add(new ContextTemplatePart(text[literalStart..], null));
        }

        template = new ContextTemplate(text, [.. parts]);
        error = null;
        return true;
    }
}
