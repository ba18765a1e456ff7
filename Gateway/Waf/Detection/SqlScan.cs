namespace Platform.Gateway.Waf.Detection;

/// <summary>
/// The shapes of <see cref="SqlInjectionDetector"/> over one token list. Every check looks a bounded number of tokens
/// ahead, so the scan is linear. Indexes past the end read as a missing token (<see cref="End"/>).
/// </summary>
internal readonly ref struct SqlScan(ReadOnlySpan<char> text, ReadOnlySpan<SqlToken> tokens)
{
    private const int End = int.MaxValue;

    private readonly ReadOnlySpan<char> _text = text;
    private readonly ReadOnlySpan<SqlToken> _tokens = tokens;

    public bool Matches()
    {
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            var matched = token.Kind switch
            {
                SqlTokenKind.Word => WordMatches(i),
                SqlTokenKind.Variable => token.System && !GluedToIdentifier(i),
                SqlTokenKind.Operator => IsBooleanOperator(i) && NumericTautology(i),
                SqlTokenKind.LParen => Is(Next(i), SqlKeyword.Select) && SelectList(Next(Next(i))),
                SqlTokenKind.Semicolon => StackedStatement(Next(i)),
                SqlTokenKind.Quote => QuoteBreakout(i),
                _ => false,
            };
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    private bool WordMatches(int i)
    {
        var next = Next(i);
        return _tokens[i].Keyword switch
        {
            SqlKeyword.SystemObject => true,
            SqlKeyword.DangerousFunction => Kind(Previous(i)) != SqlTokenKind.Dot && Call(i),
            SqlKeyword.CharFunction => CharCodes(next),
            SqlKeyword.Union => UnionSelect(i),
            SqlKeyword.Waitfor => Is(next, SqlKeyword.Delay) || Is(next, SqlKeyword.Time),
            SqlKeyword.Into => Is(next, SqlKeyword.Outfile) || Is(next, SqlKeyword.Dumpfile),
            SqlKeyword.Procedure => Is(next, SqlKeyword.Analyse),
            SqlKeyword.Or or SqlKeyword.And or SqlKeyword.Xor => NumericTautology(i),
            SqlKeyword.Order => Is(next, SqlKeyword.By) && Kind(Next(next)) == SqlTokenKind.Number && IsEndOrComment(Next(Next(next))),
            _ => false,
        };
    }

    /// <summary>A token written right after an identifier, as in <c>email@@example.com</c>: part of a word, not SQL (<c>select@@version</c> is).</summary>
    private bool GluedToIdentifier(int i) =>
        i > 0 && _tokens[i - 1] is { Kind: SqlTokenKind.Word, Keyword: SqlKeyword.None } previous && previous.Start + previous.Length == _tokens[i].Start;

    /// <summary>
    /// A call of the word at <paramref name="name"/>: its parenthesis right after it (MySQL's built-ins allow no space),
    /// or after a space with a number inside (<c>pg_sleep (5)</c>) — "I can't sleep (too much coffee)" is not one.
    /// </summary>
    private bool Call(int name)
    {
        var open = Next(name);
        if (Kind(open) != SqlTokenKind.LParen)
        {
            return false;
        }

        if (_tokens[open].Start == _tokens[name].Start + _tokens[name].Length)
        {
            return true;
        }

        var argument = Next(open);
        return Kind(argument) == SqlTokenKind.Number && Kind(Next(argument)) is SqlTokenKind.RParen or SqlTokenKind.Comma;
    }

    /// <summary><c>char(97,100</c>, or <c>char(97)</c> joined to another with <c>+</c> or <c>||</c>.</summary>
    private bool CharCodes(int open)
    {
        if (Kind(open) != SqlTokenKind.LParen || Kind(Next(open)) != SqlTokenKind.Number)
        {
            return false;
        }

        var after = Next(Next(open));
        if (Kind(after) == SqlTokenKind.Comma && Kind(Next(after)) == SqlTokenKind.Number)
        {
            return true;
        }

        var joiner = Next(after);
        return Kind(after) == SqlTokenKind.RParen && Kind(joiner) == SqlTokenKind.Operator
            && TextOf(joiner) is "+" or "||" && Is(Next(joiner), SqlKeyword.CharFunction);
    }

    /// <summary><c>union [all|distinct] [(] select</c> and a select list.</summary>
    private bool UnionSelect(int union)
    {
        var i = Next(union);
        if (Is(i, SqlKeyword.All) || Is(i, SqlKeyword.Distinct))
        {
            i = Next(i);
        }

        i = SkipOpenParens(i);
        return Is(i, SqlKeyword.Select) && SelectList(Next(i));
    }

    /// <summary>What follows <c>select</c> in an injected query: a literal, <c>*</c>, a call, a variable, <c>a, b</c>, <c>a from</c>, <c>t.a</c>.</summary>
    private bool SelectList(int i)
    {
        if (Is(i, SqlKeyword.Distinct) || Is(i, SqlKeyword.All))
        {
            i = Next(i);
        }

        if (Is(i, SqlKeyword.Top))
        {
            i = Next(Next(i));
        }

        var next = Next(i);
        switch (Kind(i))
        {
            case SqlTokenKind.Number or SqlTokenKind.Variable or SqlTokenKind.LParen:
                return true;
            case SqlTokenKind.Operator:
                return TextOf(i) is "*";
            case SqlTokenKind.Quote:
                var closed = ClosingQuote(i);
                return closed != End && (IsEndOrComment(Next(closed)) || Kind(Next(closed)) is SqlTokenKind.Comma or SqlTokenKind.RParen || Is(Next(closed), SqlKeyword.From));
            case SqlTokenKind.Word:
                return _tokens[i].Keyword is SqlKeyword.Null or SqlKeyword.Case or SqlKeyword.If
                    || Kind(next) is SqlTokenKind.LParen or SqlTokenKind.Comma or SqlTokenKind.Dot
                    || (Kind(next) == SqlTokenKind.Operator && TextOf(next) is "||" or "+")
                    || Is(next, SqlKeyword.From);
            default:
                return false;
        }
    }

    /// <summary>A statement after <c>;</c>.</summary>
    private bool StackedStatement(int i)
    {
        var next = Next(i);
        return Keyword(i) switch
        {
            SqlKeyword.Select => SelectList(next),
            SqlKeyword.Drop or SqlKeyword.Create or SqlKeyword.Alter =>
                Keyword(next) is SqlKeyword.Table or SqlKeyword.DatabaseObject or SqlKeyword.Procedure,
            SqlKeyword.Truncate => Is(next, SqlKeyword.Table),
            SqlKeyword.Delete => Is(next, SqlKeyword.From),
            SqlKeyword.Insert => Is(next, SqlKeyword.Into),
            SqlKeyword.Update => Kind(next) == SqlTokenKind.Word && Is(Next(next), SqlKeyword.Set),
            SqlKeyword.Exec => Kind(next) is SqlTokenKind.LParen or SqlTokenKind.Variable or SqlTokenKind.Quote
                || Keyword(next) is SqlKeyword.Master or SqlKeyword.SystemObject
                || (Kind(next) == SqlTokenKind.Word && TextOf(next) is ['x' or 's', 'p', '_', ..]),
            SqlKeyword.Declare or SqlKeyword.Set => Kind(next) == SqlTokenKind.Variable,
            SqlKeyword.Shutdown => IsEndOrComment(next) || Is(next, SqlKeyword.With),
            SqlKeyword.Waitfor => Is(next, SqlKeyword.Delay) || Is(next, SqlKeyword.Time),
            _ => false,
        };
    }

    /// <summary>A quote that ends the string it was pasted into, followed by SQL.</summary>
    private bool QuoteBreakout(int quote)
    {
        var raw = quote + 1;
        while (raw < _tokens.Length && _tokens[raw].Kind == SqlTokenKind.RParen)
        {
            raw++;
        }

        if (raw < _tokens.Length && _tokens[raw].Kind == SqlTokenKind.Comment && CutsTheRest(raw))
        {
            return true;
        }

        var i = SkipCloseParens(Next(quote));
        var next = Next(i);
        switch (Kind(i))
        {
            case SqlTokenKind.Semicolon:
                return IsEndOrComment(next) || StackedStatement(next);
            case SqlTokenKind.Operator:
                return IsBooleanOperator(i) && Condition(next, strict: false);
            case SqlTokenKind.Word:
                return Keyword(i) switch
                {
                    SqlKeyword.Or or SqlKeyword.And or SqlKeyword.Xor => Condition(next, strict: false),
                    SqlKeyword.Union => UnionSelect(i),
                    SqlKeyword.Select => SelectList(next),
                    SqlKeyword.Order => Is(next, SqlKeyword.By) && Kind(Next(next)) is SqlTokenKind.Number or SqlTokenKind.Word,
                    SqlKeyword.Group => Is(next, SqlKeyword.By),
                    SqlKeyword.Having => Condition(next, strict: false),
                    SqlKeyword.Like or SqlKeyword.Rlike or SqlKeyword.Regexp => Kind(next) == SqlTokenKind.Quote,
                    SqlKeyword.Limit => Kind(next) == SqlTokenKind.Number && (IsEndOrComment(Next(next)) || Kind(Next(next)) == SqlTokenKind.Comma),
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>
    /// A boolean operator after an operand (or at the start) and a condition that only an injection writes: two
    /// literals compared (<c>1=1</c>, <c>'a'='a'</c>, <c>2&gt;1</c>, <c>1=2</c>), a column compared with itself, or a
    /// literal and then a comment.
    /// </summary>
    private bool NumericTautology(int op)
    {
        var before = Previous(op);
        return (before == End || Kind(before) is SqlTokenKind.Number or SqlTokenKind.RParen or SqlTokenKind.Quote
                || (Kind(before) == SqlTokenKind.Word && Keyword(before) == SqlKeyword.None))
            && Condition(Next(op), strict: true);
    }

    /// <summary>
    /// A condition after a boolean operator. <paramref name="strict"/> (no quote broken out): literals compared, a
    /// column with itself, or <c>true</c>/a number then a comment. Lax (after a quote): any comparison, <c>like</c>,
    /// <c>in</c>, <c>is</c>, <c>between</c>, <c>not</c>, <c>exists</c>, or <c>true</c>/a number then the end.
    /// </summary>
    private bool Condition(int i, bool strict)
    {
        i = SkipOpenParens(i);
        if (!strict && (Is(i, SqlKeyword.Not) || Is(i, SqlKeyword.Exists)))
        {
            return true;
        }

        if (Is(i, SqlKeyword.True) || Is(i, SqlKeyword.False))
        {
            var after = SkipCloseParens(Next(i));
            return strict ? IsComment(after) : IsEndOrComment(after) || Kind(after) is SqlTokenKind.Semicolon or SqlTokenKind.Quote;
        }

        var left = Operand(i, out var leftLiteral);
        if (left == End)
        {
            return false;
        }

        var comparison = SkipCloseParens(Next(left));
        if (!IsComparison(comparison))
        {
            var number = Kind(i) == SqlTokenKind.Number;
            return number && (strict ? IsComment(comparison) : IsEndOrComment(comparison) || Kind(comparison) == SqlTokenKind.Semicolon);
        }

        if (!strict)
        {
            return true;
        }

        var rightStart = SkipOpenParens(Next(comparison));
        if (Is(comparison, SqlKeyword.Is) && Is(rightStart, SqlKeyword.Not))
        {
            rightStart = Next(rightStart);
        }

        var right = Operand(rightStart, out var rightLiteral);
        if (right == End)
        {
            return false;
        }

        return (leftLiteral && rightLiteral)
            || (!leftLiteral && !rightLiteral && Kind(i) == SqlTokenKind.Word && TextOf(i).SequenceEqual(TextOf(rightStart)));
    }

    /// <summary>A literal (number, quoted text of up to three tokens, <c>null</c>/<c>true</c>/<c>false</c>, a signed number) or a column; its last token.</summary>
    private int Operand(int i, out bool literal)
    {
        literal = true;
        switch (Kind(i))
        {
            case SqlTokenKind.Number:
                return i;
            case SqlTokenKind.Quote:
                return ClosingQuote(i) is var closed && closed != End ? closed : UnterminatedLiteral(i);
            case SqlTokenKind.Operator when TextOf(i) is "-" or "+" && Kind(Next(i)) == SqlTokenKind.Number:
                return Next(i);
            case SqlTokenKind.Word when Keyword(i) is SqlKeyword.Null or SqlKeyword.True or SqlKeyword.False:
                return i;
            case SqlTokenKind.Word when Keyword(i) == SqlKeyword.None:
            case SqlTokenKind.Variable:
                literal = false;
                return i;
            default:
                return End;
        }
    }

    /// <summary>The quote closing the one at <paramref name="open"/> within three tokens, or <see cref="End"/>.</summary>
    private int ClosingQuote(int open)
    {
        var quote = _text[_tokens[open].Start];
        for (var i = open + 1; i < _tokens.Length && i <= open + 4; i++)
        {
            if (_tokens[i].Kind == SqlTokenKind.Quote)
            {
                return _text[_tokens[i].Start] == quote ? i : End;
            }
        }

        return End;
    }

    /// <summary>An injection's last literal is left open for the query's own quote: <c>'1'='1</c>. Its last token, when the text ends within three tokens.</summary>
    private int UnterminatedLiteral(int open) =>
        _tokens.Length - 1 - open is >= 0 and <= 3 ? _tokens.Length - 1 : End;

    private bool IsComparison(int i) =>
        (Kind(i) == SqlTokenKind.Operator && TextOf(i) is "=" or "<" or ">" or "<=" or ">=" or "<>" or "!=" or "==" or "<=>")
        || Keyword(i) is SqlKeyword.Like or SqlKeyword.Rlike or SqlKeyword.Regexp or SqlKeyword.In or SqlKeyword.Is or SqlKeyword.Between or SqlKeyword.Sounds;

    private bool IsBooleanOperator(int i) => TextOf(i) is "||" or "&&";

    private int SkipOpenParens(int i)
    {
        while (Kind(i) == SqlTokenKind.LParen)
        {
            i = Next(i);
        }

        return i;
    }

    private int SkipCloseParens(int i)
    {
        while (Kind(i) == SqlTokenKind.RParen)
        {
            i = Next(i);
        }

        return i;
    }

    /// <summary>The next token that is not a comment (comments separate tokens like white space), or <see cref="End"/>.</summary>
    private int Next(int i)
    {
        if (i == End)
        {
            return End;
        }

        for (i++; i < _tokens.Length; i++)
        {
            if (_tokens[i].Kind != SqlTokenKind.Comment)
            {
                return i;
            }
        }

        return End;
    }

    private int Previous(int i)
    {
        for (i--; i >= 0; i--)
        {
            if (_tokens[i].Kind != SqlTokenKind.Comment)
            {
                return i;
            }
        }

        return End;
    }

    /// <summary>
    /// A comment right after a quote cuts the query's rest off (<c>admin'--</c>, <c>'#</c>, <c>'/*</c>, <c>'-- -</c>);
    /// one with words in it is prose's double dash (<c>'Hello' -- he said</c>).
    /// </summary>
    private bool CutsTheRest(int comment)
    {
        var body = TextOf(comment);
        if (body.StartsWith("/*"))
        {
            return true;
        }

        body = body[(body[0] == '#' ? 1 : 2)..];
        var visible = 0;
        foreach (var c in body)
        {
            if (!char.IsWhiteSpace(c) && ++visible > 3)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Nothing but comments follow <paramref name="i"/>'s position (<paramref name="i"/> from <see cref="Next"/>).</summary>
    private static bool IsEndOrComment(int i) => i == End;

    /// <summary>A comment follows the token before <paramref name="i"/> (which <see cref="Next"/> skipped), or the text ends in one.</summary>
    private bool IsComment(int i)
    {
        var before = i == End ? _tokens.Length - 1 : i - 1;
        return before >= 0 && _tokens[before].Kind == SqlTokenKind.Comment;
    }

    private SqlTokenKind Kind(int i) => i == End ? (SqlTokenKind)byte.MaxValue : _tokens[i].Kind;

    private SqlKeyword Keyword(int i) => i == End ? SqlKeyword.None : _tokens[i].Keyword;

    private bool Is(int i, SqlKeyword keyword) => i != End && _tokens[i].Keyword == keyword && _tokens[i].Kind == SqlTokenKind.Word;

    private ReadOnlySpan<char> TextOf(int i) => i == End ? [] : _text.Slice(_tokens[i].Start, _tokens[i].Length);
}
