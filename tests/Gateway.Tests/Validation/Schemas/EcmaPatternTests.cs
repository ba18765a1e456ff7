using System.Text.Json;
using Platform.Definitions.Schemas;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// <c>pattern</c> keeps ECMAScript's meaning (ajv compiles with the u flag) where .NET's differs. Patterns and
/// subjects are written as JSON string bodies, exactly as a schema carries them.
/// </summary>
public sealed class EcmaPatternTests
{
    [Theory]
    [InlineData("^\\\\d+$", "123", true)]
    [InlineData("^\\\\d+$", "١٢٣", false)]
    [InlineData("^\\\\w+$", "abc_1", true)]
    [InlineData("^\\\\w+$", "héllo", false)]
    [InlineData("^\\\\W$", "é", true)]
    [InlineData("^\\\\s$", "\\u00a0", true)]
    [InlineData("^\\\\s$", "\\ufeff", true)]
    [InlineData("^\\\\s$", "\\u0085", false)]
    [InlineData("^\\\\S$", "\\u0085", true)]
    [InlineData("^[\\\\d\\\\s]+$", "1 2", true)]
    [InlineData("^[^\\\\d]+$", "abc", true)]
    [InlineData("^[^\\\\d]+$", "a1", false)]
    [InlineData("^[\\\\D]+$", "ab", true)]
    [InlineData("^[a\\\\D]+$", "a1", false)]
    [InlineData("\\\\bcat\\\\b", "a cat.", true)]
    [InlineData("\\\\bcat\\\\b", "écat", true)]
    [InlineData("\\\\Bat", "cat", true)]
    [InlineData("^.$", "😀", true)]
    [InlineData("^.$", "\\n", false)]
    [InlineData("^.$", "\\u2028", false)]
    [InlineData("^.{2}$", "😀😀", true)]
    [InlineData("^😀{2}$", "😀😀", true)]
    [InlineData("^\\\\u{1F600}$", "😀", true)]
    [InlineData("^\\\\ud83d\\\\ude00$", "😀", true)]
    [InlineData("^a$", "a\\n", false)]
    [InlineData("a$", "a", true)]
    [InlineData("^(a)|\\\\1b$", "b", true)]
    [InlineData("^(?<x>a)\\\\k<x>$", "aa", true)]
    [InlineData("^[]$", "", false)]
    [InlineData("^[^]$", "\\n", true)]
    [InlineData("^[\\\\b]$", "\\b", true)]
    [InlineData("^\\\\p{Lu}+$", "ÀB", true)]
    [InlineData("^\\\\p{Letter}+$", "abc", true)]
    [InlineData("^\\\\P{L}+$", "123", true)]
    [InlineData("^\\\\x41\\\\u0042\\\\cJ$", "AB\\n", true)]
    [InlineData("^[\\\\-a]+$", "-a", true)]
    [InlineData("^[[]$", "[", true)]
    [InlineData("^\\\\/\\\\.$", "/.", true)]
    [InlineData("(?<=a)b", "ab", true)]
    [InlineData("^(?:ab)+(?!c)", "ababc", true)]
    public void Pattern_Subject_MatchesAsEcmaScript(string pattern, string subject, bool matches)
    {
        var regex = EcmaPattern.TryCreate(JsonSerializer.Deserialize<string>($"\"{pattern}\"")!, out var error);
        Assert.True(regex is not null, error);

        Assert.Equal(matches, EcmaPattern.IsMatch(regex, JsonSerializer.Deserialize<string>($"\"{subject}\"")));
    }

    [Theory]
    [InlineData("\\\\-")]
    [InlineData("\\\\a")]
    [InlineData("\\\\")]
    [InlineData("(?i)a")]
    [InlineData("(?>a)")]
    [InlineData("(?#note)")]
    [InlineData("[^\\\\D]")]
    [InlineData("[😀]")]
    [InlineData("[\\\\u{1F600}]")]
    [InlineData("\\\\u{110000}")]
    [InlineData("\\\\p{Script=Latin}")]
    [InlineData("\\\\p{Alphabetic}")]
    [InlineData("\\\\1")]
    [InlineData("\\\\k<missing>")]
    [InlineData("\\\\x4")]
    [InlineData("\\\\c1")]
    [InlineData("\\\\01")]
    [InlineData("[a")]
    [InlineData("a{2,1}")]
    public void Pattern_NotEcmaScriptOrNotExpressible_IsRejected(string pattern)
    {
        Assert.Null(EcmaPattern.TryCreate(JsonSerializer.Deserialize<string>($"\"{pattern}\"")!, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Pattern_CatastrophicBacktracking_TimesOutAsNoMatch()
    {
        var regex = EcmaPattern.TryCreate("^(a+)+$", out _)!;
        var subject = new string('a', 40) + "!";

        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() => regex.IsMatch(subject));
        Assert.False(EcmaPattern.IsMatch(regex, subject));
    }
}
