namespace Platform.Gateway.Waf.Detection;

/// <summary>
/// Splits normalized text (see <see cref="WafText.Normalize"/>: lower case, decoded) into the tokens a SQL parser would
/// see, in one linear walk: words (classified by <see cref="Classify"/>), numbers (<c>12</c>, <c>1.5</c>, <c>0x41</c>),
/// single quote characters, operators (<c>=</c>, <c>&lt;=</c>, <c>||</c>, ...), parentheses, commas, semicolons,
/// dots, variables (<c>@x</c>, <c>@@version</c>) and comments. MySQL's executable comments (<c>/*!50000union*/</c>)
/// are read as the code they hide, and reported.
/// </summary>
internal static class SqlTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> into <paramref name="tokens"/> (at least as long as the text); returns the count.</summary>
    public static int Tokenize(ReadOnlySpan<char> text, Span<SqlToken> tokens, out bool executableComment)
    {
        executableComment = false;
        var count = 0;
        var i = 0;
        while (i < text.Length && count < tokens.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == ' ' || (c < '!' || c > '~') && char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            // MySQL's '#' comment; a hashtag (#word) is not one.
            if ((c == '-' && next == '-') || (c == '#' && (next == '\0' || char.IsWhiteSpace(next) || !char.IsLetterOrDigit(next))))
            {
                var end = text[i..].IndexOfAny('\n', '\r');
                i = end < 0 ? text.Length : i + end;
                tokens[count++] = new SqlToken(SqlTokenKind.Comment, SqlKeyword.None, start, i - start);
                continue;
            }

            if (c == '/' && next == '*')
            {
                if (i + 2 < text.Length && text[i + 2] == '!')
                {
                    // MySQL runs what follows (after an optional version number) as code.
                    executableComment = true;
                    i += 3;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }

                    continue;
                }

                var close = text[(i + 2)..].IndexOf("*/", StringComparison.Ordinal);
                i = close < 0 ? text.Length : i + 2 + close + 2;
                tokens[count++] = new SqlToken(SqlTokenKind.Comment, SqlKeyword.None, start, i - start);
                continue;
            }

            if (c == '*' && next == '/')
            {
                // The end of an executable comment.
                i += 2;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            {
                i = ScanNumber(text, i);
                if (i < text.Length && IsWordChar(text[i]))
                {
                    // "1abc" is a word for SQL as for us.
                    i = ScanWord(text, i);
                    tokens[count++] = new SqlToken(SqlTokenKind.Word, SqlKeyword.None, start, i - start);
                }
                else
                {
                    tokens[count++] = new SqlToken(SqlTokenKind.Number, SqlKeyword.None, start, i - start);
                }

                continue;
            }

            if (IsWordChar(c))
            {
                i = ScanWord(text, i);
                tokens[count++] = new SqlToken(SqlTokenKind.Word, Classify(text[start..i]), start, i - start);
                continue;
            }

            if (c == '@')
            {
                var system = next == '@';
                i = ScanWord(text, i + (system ? 2 : 1));
                tokens[count++] = new SqlToken(SqlTokenKind.Variable, SqlKeyword.None, start, i - start, system && i - start > 2);
                continue;
            }

            var kind = c switch
            {
                '\'' or '"' or '`' => SqlTokenKind.Quote,
                '(' => SqlTokenKind.LParen,
                ')' => SqlTokenKind.RParen,
                ',' => SqlTokenKind.Comma,
                ';' => SqlTokenKind.Semicolon,
                '.' => SqlTokenKind.Dot,
                '=' or '<' or '>' or '!' or '|' or '&' or '^' or '~' or '+' or '-' or '*' or '/' or '%' or ':' => SqlTokenKind.Operator,
                _ => SqlTokenKind.Other,
            };
            i += kind == SqlTokenKind.Operator ? OperatorLength(text[i..]) : 1;
            tokens[count++] = new SqlToken(kind, SqlKeyword.None, start, i - start);
        }

        return count;
    }

    private static int OperatorLength(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("<=>"))
        {
            return 3;
        }

        return text.Length > 1 && text[..2] is "<=" or ">=" or "<>" or "!=" or "==" or "||" or "&&" or ":=" ? 2 : 1;
    }

    private static int ScanNumber(ReadOnlySpan<char> text, int i)
    {
        if (text[i] == '0' && i + 1 < text.Length && text[i + 1] == 'x')
        {
            i += 2;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]))
            {
                i++;
            }

            return i;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return i;
    }

    private static int ScanWord(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && (IsWordChar(text[i]) || char.IsAsciiDigit(text[i])))
        {
            i++;
        }

        return i;
    }

    // Letters of any script form words, so prose in any language is words, not punctuation.
    private static bool IsWordChar(char c) => char.IsAsciiLetter(c) || c is '_' or '$' || (c > 127 && char.IsLetter(c));

    public static SqlKeyword Classify(ReadOnlySpan<char> word) => word switch
    {
        "or" => SqlKeyword.Or,
        "and" => SqlKeyword.And,
        "xor" => SqlKeyword.Xor,
        "not" => SqlKeyword.Not,
        "null" => SqlKeyword.Null,
        "true" => SqlKeyword.True,
        "false" => SqlKeyword.False,
        "like" => SqlKeyword.Like,
        "rlike" => SqlKeyword.Rlike,
        "regexp" => SqlKeyword.Regexp,
        "in" => SqlKeyword.In,
        "is" => SqlKeyword.Is,
        "between" => SqlKeyword.Between,
        "sounds" => SqlKeyword.Sounds,
        "exists" => SqlKeyword.Exists,
        "case" => SqlKeyword.Case,
        "if" or "iif" => SqlKeyword.If,
        "union" => SqlKeyword.Union,
        "select" => SqlKeyword.Select,
        "all" => SqlKeyword.All,
        "distinct" => SqlKeyword.Distinct,
        "top" => SqlKeyword.Top,
        "from" => SqlKeyword.From,
        "order" => SqlKeyword.Order,
        "group" => SqlKeyword.Group,
        "by" => SqlKeyword.By,
        "having" => SqlKeyword.Having,
        "limit" => SqlKeyword.Limit,
        "procedure" => SqlKeyword.Procedure,
        "analyse" or "analyze" => SqlKeyword.Analyse,
        "into" => SqlKeyword.Into,
        "outfile" => SqlKeyword.Outfile,
        "dumpfile" => SqlKeyword.Dumpfile,
        "insert" => SqlKeyword.Insert,
        "update" => SqlKeyword.Update,
        "set" => SqlKeyword.Set,
        "delete" => SqlKeyword.Delete,
        "drop" => SqlKeyword.Drop,
        "create" => SqlKeyword.Create,
        "alter" => SqlKeyword.Alter,
        "truncate" => SqlKeyword.Truncate,
        "exec" or "execute" => SqlKeyword.Exec,
        "declare" => SqlKeyword.Declare,
        "shutdown" => SqlKeyword.Shutdown,
        "with" => SqlKeyword.With,
        "waitfor" => SqlKeyword.Waitfor,
        "delay" => SqlKeyword.Delay,
        "time" => SqlKeyword.Time,
        "table" => SqlKeyword.Table,
        "database" or "schema" or "user" or "view" or "function" or "index" or "trigger" or "login" => SqlKeyword.DatabaseObject,
        "master" => SqlKeyword.Master,
        "sleep" or "benchmark" or "pg_sleep" or "load_file" or "extractvalue" or "updatexml" or "randomblob" or "group_concat"
            or "make_set" or "gtid_subset" or "json_keys" or "sys_eval" or "sys_exec" => SqlKeyword.DangerousFunction,
        "char" or "chr" or "nchar" => SqlKeyword.CharFunction,
        "information_schema" or "sqlite_master" or "sqlite_schema" or "pg_catalog" or "pg_shadow" or "sysobjects" or "syscolumns"
            or "sysusers" or "xp_cmdshell" or "xp_dirtree" or "xp_regread" or "sp_configure" or "sp_executesql" or "sp_oacreate"
            or "sp_makewebtask" or "dbms_pipe" or "dbms_lock" or "utl_inaddr" or "utl_http" or "msysobjects" or "msysaccessobjects" => SqlKeyword.SystemObject,
        _ => SqlKeyword.None,
    };
}
