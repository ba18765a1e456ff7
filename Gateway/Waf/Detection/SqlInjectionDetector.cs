using System.Buffers;

namespace Platform.Gateway.Waf.Detection;

/// <summary>
/// Decides whether a value would change the meaning of a SQL statement it were pasted into, by tokenizing it as SQL
/// (<see cref="SqlTokenizer"/>, after <see cref="WafText.Normalize"/>) and looking for the shapes injections take, not
/// for words: "select" and "or" are everyday English, <c>O'Brien</c> is a name.
/// <list type="bullet">
/// <item><b>Quote break-out</b>: a quote followed (after closing parentheses) by a comment (<c>admin'--</c>), a
/// statement end (<c>';</c> then nothing, a comment or a statement), a boolean operator and a condition
/// (<c>' or '1'='1</c>, <c>' and 1=0</c>, <c>' or x like '%</c>, <c>' or true--</c>), <c>union select</c>,
/// <c>order by N</c>, <c>group by</c>, <c>having</c>, <c>limit N</c>.</item>
/// <item><b>Tautology without quotes</b> (numeric context): operand, boolean operator, then a comparison of two
/// literals or of a column with itself (<c>1 or 1=1</c>, <c>1) and (2&gt;1</c>, <c>1 and 1=2</c>), or a literal
/// then a comment (<c>1 or 1--</c>).</item>
/// <item><b>Statements</b>: <c>union [all] select</c> with a select list (numbers, <c>null</c>, <c>*</c>, a
/// function call, <c>a, b</c> or <c>a from</c> — "European Union select committee" is not one), <c>(select ...</c>,
/// and stacked queries: <c>;</c> then <c>drop table</c>, <c>delete from</c>, <c>insert into</c>, <c>update x set</c>,
/// <c>exec xp_...</c>, <c>declare @</c>, <c>shutdown</c>, <c>waitfor delay</c>, a select.</item>
/// <item><b>Tell-tale calls and names</b>: <c>sleep(</c>, <c>benchmark(</c>, <c>pg_sleep(</c>, <c>load_file(</c>,
/// <c>extractvalue(</c>, <c>updatexml(</c> (not as a method: <c>time.sleep(1)</c> is Python);
/// <c>waitfor delay</c>, <c>into outfile</c>, <c>procedure analyse</c>, <c>char(97,100)</c>; system variables
/// (<c>@@version</c>); catalogs and extended procedures (<c>information_schema</c>, <c>sqlite_master</c>,
/// <c>xp_cmdshell</c>, <c>utl_inaddr</c>, ...); MySQL executable comments (<c>/*!50000union*/</c>).</item>
/// </list>
/// Comments count as white space between tokens (<c>union/**/select</c>). Linear: one tokenizing walk, then a fixed
/// look-ahead of a few tokens from each token. Values without any character an injection needs are skipped before
/// any of this (<see cref="MayContainInjection"/>).
/// </summary>
internal static class SqlInjectionDetector
{
    // Every injection needs a quote, an operator, a parenthesis, a separator or at least two words.
    // ASCII only, so the search is vectorized; any non-ASCII character (no-break spaces, full-width quotes) is looked at too.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create("'\"`;()=<>|&#%+*/-@\\, \t\r\n");

    public static bool MayContainInjection(ReadOnlySpan<char> value) => value.ContainsAny(Suspicious) || value.ContainsAnyExceptInRange('\0', '\u007f');

    /// <summary>True when <paramref name="value"/> (raw: still encoded, any case) looks like SQL injection.</summary>
    public static bool IsInjection(ReadOnlySpan<char> value)
    {
        if (!MayContainInjection(value))
        {
            return false;
        }

        if (value.Length <= WafText.StackLimit)
        {
            Span<char> stack = stackalloc char[value.Length];
            value.CopyTo(stack);
            return IsInjectionNormalized(stack[..WafText.Normalize(stack)]);
        }

        var buffer = WafText.Rent(value.Length);
        try
        {
            value.CopyTo(buffer);
            var length = WafText.Normalize(buffer.AsSpan(0, value.Length));
            return IsInjectionNormalized(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The test on text already normalized by <see cref="WafText.Normalize"/>.</summary>
    public static bool IsInjectionNormalized(ReadOnlySpan<char> text)
    {
        if (text.Length < WafText.StackLimit)
        {
            Span<SqlToken> stack = stackalloc SqlToken[text.Length + 1];
            return Scan(text, stack);
        }

        var tokens = ArrayPool<SqlToken>.Shared.Rent(text.Length + 1);
        try
        {
            return Scan(text, tokens);
        }
        finally
        {
            ArrayPool<SqlToken>.Shared.Return(tokens);
        }
    }

    private static bool Scan(ReadOnlySpan<char> text, Span<SqlToken> tokens)
    {
        var count = SqlTokenizer.Tokenize(text, tokens, out var executableComment);
        return executableComment || new SqlScan(text, tokens[..count]).Matches();
    }
}
