namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// The building blocks the differential corpus draws from: patterns (with strings that match and strings that do
/// not, chosen where .NET's and ECMAScript's defaults differ), format values and near misses, property names that
/// need escaping in paths, numbers on which exact and double arithmetic agree.
/// </summary>
internal static class CorpusTables
{
    public const string Draft04 = "http://json-schema.org/draft-04/schema#";
    public const string Draft2020 = "https://json-schema.org/draft/2020-12/schema";

    public static readonly (string Pattern, string[] Matching, string[] Other)[] Patterns =
    [
        ("^[a-z]+$", ["abc", "z"], ["ABC", "ab1", "", "abc\n"]),
        ("^\\d{3}-\\d{4}$", ["555-1234"], ["٥٥٥-١٢٣٤", "5551234", "555-12345"]),
        ("^\\w+$", ["abc_1", "A"], ["héllo", "a-b", "ab "]),
        ("^\\S+@\\S+$", ["a@b", "x.y@z"], ["a @b", "a@\u00a0b", "@b"]),
        ("^.{1,3}$", ["😀😀", "abc", "é"], ["abcd", "😀😀😀😀", "a\nb", ""]),
        ("colou?r", ["my color", "colour!"], ["colr", "COLOR"]),
        ("^(?:[A-Z]{2}|\\d)$", ["AB", "7"], ["ABC", "a", "77"]),
        ("\\bfoo\\b", ["a foo b", "foo", "éfooé"], ["afoo", "foobar"]),
        ("^\\s*$", [" \u00a0\t", "", "\ufeff"], ["a", " x "]),
        ("^[^\\s]+$", ["abc", "a-b"], ["a b", "a\u2003b"]),
        ("😀+", ["😀", "a😀😀"], ["😁", "a"]),
        ("^a$", ["a"], ["a\n", "aa"]),
        ("^(a)\\1$", ["aa"], ["ab", "a"]),
        ("^[\\d\\-]+$", ["12-3"], ["1 2", "x"]),
        ("^x-", ["x-a", "x-"], ["y-a", "X-a"]),
        ("^.$", ["😀", "é", "a"], ["\n", "ab", "\u2028"]),
    ];

    public static readonly (string Format, string[] Valid, string[] Invalid)[] Formats =
    [
        ("email", ["user@example.com", "a.b+c@sub.example.org"], ["user@localhost", "a..b@example.com", "user@-x.com", "ü@example.com", "a b@example.com"]),
        ("uri", ["https://example.com/a?b=1#c", "urn:isbn:0451450523", "http://[::1]:80/", "mailto:a@b.c"], ["/relative", "example.com", "http://a b", "urn:", "http://x/%zz"]),
        ("date-time", ["2024-02-29T12:30:00Z", "2024-02-29 12:30:00.5+05:30", "2016-12-31T23:59:60Z"], ["2023-02-29T12:30:00Z", "2024-02-29T12:30:00", "2024-02-29T25:00:00Z", "2024-02-29"]),
        ("date", ["2000-02-29", "2024-12-31"], ["1900-02-29", "2024-13-01", "2024-1-01"]),
        ("time", ["08:30:00Z", "23:59:59.999-01:00"], ["08:30:00", "24:00:00Z", "08:30Z"]),
        ("uuid", ["123e4567-e89b-12d3-a456-426614174000", "urn:uuid:123E4567-E89B-12D3-A456-426614174000"], ["123e4567e89b12d3a456426614174000", "g23e4567-e89b-12d3-a456-426614174000"]),
        ("ipv4", ["192.168.0.1", "0.0.0.0"], ["256.1.1.1", "01.2.3.4", "1.2.3"]),
        ("ipv6", ["::1", "2001:db8::8a2e:370:7334", "::ffff:1.2.3.4"], ["1::2::3", "1:2:3:4:5:6:7:8:9", "12345::"]),
        ("hostname", ["example.com", "a-b.c."], ["-a.com", "a_b.com", ""]),
    ];

    public static readonly string[] PropertyNames = ["a", "b", "name", "id", "tags", "a/b", "c~d", "x-meta", "é", "n1"];

    public static readonly string[] StringPieces = ["a", "b", "Z", "0", " ", "é", "😀", "\t", "-", "_", "\u00a0", "@", "."];

    /// <summary>multipleOf values for which ajv's double division is exact on the corpus numbers (≤ 2 decimals).</summary>
    public static readonly double[] Divisors = [2, 3, 5, 0.5, 0.25, 1.5];

    /// <summary>Values of every JSON type, for wrong-type mutations and enum members.</summary>
    public static readonly string[] Values = ["null", "true", "false", "0", "-1", "1.5", "2.0", "\"\"", "\"x\"", "\"1\"", "[]", "[1, 1]", "{}", "{\"a\": 1}", "1e2"];
}
