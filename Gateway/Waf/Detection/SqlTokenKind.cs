namespace Platform.Gateway.Waf.Detection;

internal enum SqlTokenKind : byte
{
    Word,
    Number,

    /// <summary>A quote character on its own (<c>'</c>, <c>"</c>, <c>`</c>): literals are not grouped, because an injection's quotes are unbalanced by design.</summary>
    Quote,
    Operator,
    LParen,
    RParen,
    Comma,
    Semicolon,
    Dot,

    /// <summary><c>@name</c>, or a system variable <c>@@name</c> (<see cref="SqlToken.System"/>).</summary>
    Variable,

    /// <summary><c>--</c> or <c>#</c> to the end of the line, or <c>/* ... */</c>.</summary>
    Comment,
    Other,
}
