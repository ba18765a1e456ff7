namespace Platform.Definitions.Templates;

/// <summary>One part of a <see cref="ContextTemplate"/>: literal text, or the name of a <c>$context</c> variable (without the prefix).</summary>
public readonly record struct ContextTemplatePart(string? Literal, string? Variable);
