namespace Platform.Gateway.Waf.Detection;

/// <summary>One token of <see cref="SqlTokenizer"/>: its kind, keyword, and where it is in the text.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, SqlKeyword Keyword, int Start, int Length, bool System = false);
