using System.Net;
using Microsoft.AspNetCore.Http;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>Each statement type as a table: the statement, a request, whether it matches.</summary>
public sealed class WafStatementTests
{
    public static TheoryData<string, string, string, bool> ByteMatches => new()
    {
        // fieldToMatch, positionalConstraint + options, the field's value, matches
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "CONTAINS", "searchString": "sqlmap", "caseSensitive": false """, "SQLMap/1.7 (https://sqlmap.org)", true },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "CONTAINS", "searchString": "sqlmap" """, "SQLMap/1.7", false },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "EXACTLY", "searchString": "curl/8.5.0" """, "curl/8.5.0", true },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "EXACTLY", "searchString": "curl/8.5.0" """, "curl/8.5.0 extra", false },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "STARTS_WITH", "searchString": "python-" """, "python-requests/2.31", true },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "ENDS_WITH", "searchString": "/2.31" """, "python-requests/2.31", true },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "ENDS_WITH", "searchString": "python" """, "python-requests/2.31", false },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "CONTAINS_WORD", "searchString": "bot" """, "Mozilla/5.0 (compatible; bot; +http://x)", true },
        { "SINGLE_HEADER:user-agent", """ "positionalConstraint": "CONTAINS_WORD", "searchString": "bot" """, "Googlebot/2.1", false },
        { "SINGLE_HEADER:x-data", """ "positionalConstraint": "CONTAINS", "searchString": "<evil>", "textTransformations": ["URL_DECODE", "HTML_ENTITY_DECODE"] """, "%26lt;evil%26gt;", true },
        { "SINGLE_HEADER:x-data", """ "positionalConstraint": "CONTAINS", "searchString": "<evil>" """, "%26lt;evil%26gt;", false },
        { "SINGLE_HEADER:x-data", """ "positionalConstraint": "EXACTLY", "searchString": "a b", "textTransformations": ["COMPRESS_WHITE_SPACE", "LOWERCASE"] """, "A \t\t B", true },
        { "ALL_HEADERS", """ "positionalConstraint": "EXACTLY", "searchString": "needle" """, "needle", true },
        { "QUERY_STRING", """ "positionalConstraint": "CONTAINS", "searchString": "debug=1" """, "?a=2&debug=1", true },
        { "SINGLE_QUERY_ARGUMENT:Debug", """ "positionalConstraint": "EXACTLY", "searchString": "1" """, "?a=2&debug=1", true },
        { "SINGLE_QUERY_ARGUMENT:debug", """ "positionalConstraint": "EXACTLY", "searchString": "1" """, "?a=1&debugger=1", false },
        { "SINGLE_QUERY_ARGUMENT:my key", """ "positionalConstraint": "EXACTLY", "searchString": "v" """, "?my%20key=v", true },
        { "METHOD", """ "positionalConstraint": "EXACTLY", "searchString": "DELETE" """, "DELETE", true },
        { "METHOD", """ "positionalConstraint": "EXACTLY", "searchString": "DELETE" """, "GET", false },
        { "URI_PATH", """ "positionalConstraint": "STARTS_WITH", "searchString": "/admin" """, "/admin/users", true },
    };

    [Theory]
    [MemberData(nameof(ByteMatches))]
    public void ByteMatch_Table(string field, string options, string value, bool expected)
    {
        var acl = AclHarness.ForStatement($$"""{ "byteMatch": { "fieldToMatch": "{{field}}", {{options}} } }""");

        Assert.Equal(expected, acl.Matches(context => Place(context, field, value)));
    }

    public static TheoryData<string, string, bool> RegexMatches => new()
    {
        { "^/admin(/|$)", "/admin", true },
        { "^/admin(/|$)", "/admin/users", true },
        { "^/admin(/|$)", "/administrator", false },
        { "\\.(php|asp)$", "/index.php", true },
        { "(a+)+b", "/" + new string('a', 5000) + "c", false },
    };

    [Theory]
    [MemberData(nameof(RegexMatches))]
    public void RegexMatch_UriPath_Table(string regex, string path, bool expected)
    {
        var acl = AclHarness.ForStatement($$"""{ "regexMatch": { "fieldToMatch": "URI_PATH", "regex": "{{regex.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""");

        Assert.Equal(expected, acl.Matches(context => context.Request.Path = path));
    }

    [Fact]
    public void RegexMatch_Transformations_AppliedInOrder()
    {
        var acl = AclHarness.ForStatement("""{ "regexMatch": { "fieldToMatch": "SINGLE_HEADER:x-q", "regex": "^select all$", "textTransformations": ["URL_DECODE", "LOWERCASE"] } }""");

        Assert.True(acl.Matches(context => context.Request.Headers["x-q"] = "SELECT%20ALL"));
        Assert.False(acl.Matches(context => context.Request.Headers["x-q"] = "SELECT%20ALL%20x"));
    }

    public static TheoryData<string, string, long, bool> SizeConstraints => new()
    {
        { "BODY", "GT", 10, true },
        { "BODY", "LE", 10, false },
        { "BODY", "EQ", 11, true },
        { "BODY", "NE", 11, false },
        { "BODY", "LT", 12, true },
        { "BODY", "GE", 12, false },
        { "QUERY_STRING", "GT", 5, true },
        { "URI_PATH", "EQ", 6, true },
        { "SINGLE_HEADER:x-big", "GE", 4, true },
        { "SINGLE_QUERY_ARGUMENT:q", "EQ", 5, true },
        { "METHOD", "EQ", 3, true },
    };

    [Theory]
    [MemberData(nameof(SizeConstraints))]
    public void SizeConstraint_Table(string field, string comparison, long size, bool expected)
    {
        var acl = AclHarness.ForStatement($$"""{ "sizeConstraint": { "fieldToMatch": "{{field}}", "comparisonOperator": "{{comparison}}", "size": {{size}} } }""");

        var matched = acl.Matches(
            context =>
            {
                context.Request.QueryString = new QueryString("?q=hello");
                context.Request.Headers["x-big"] = "abcd";
            },
            body: "hello world");

        Assert.Equal(expected, matched);
    }

    [Theory]
    [InlineData("CONTINUE", false)]
    [InlineData("MATCH", true)]
    [InlineData("NO_MATCH", false)]
    public void OversizeHandling_AttackPast8KB_AsConfigured(string handling, bool expected)
    {
        var acl = AclHarness.ForStatement($$"""{ "sqliMatch": { "fieldsToMatch": ["BODY"], "oversizeHandling": "{{handling}}" } }""");
        var body = new string('a', 9000) + "' or '1'='1";

        Assert.Equal(expected, acl.Matches(static _ => { }, body));
    }

    [Fact]
    public void OversizeHandling_NoMatch_AttackWithin8KBOfOversizeBody_NotInspected()
    {
        var acl = AclHarness.ForStatement("""{ "sqliMatch": { "fieldsToMatch": ["BODY"], "oversizeHandling": "NO_MATCH" } }""");
        var continued = AclHarness.ForStatement("""{ "sqliMatch": { "fieldsToMatch": ["BODY"] } }""");
        var body = "' or '1'='1" + new string('a', 9000);

        Assert.False(acl.Matches(static _ => { }, body));
        Assert.True(continued.Matches(static _ => { }, body));
    }

    [Fact]
    public void SqliAndXss_SingleFields_OnlyThoseInspected()
    {
        var header = AclHarness.ForStatement(Sqli("""["SINGLE_HEADER:x-filter"]"""));
        var argument = AclHarness.ForStatement(Xss("""["SINGLE_QUERY_ARGUMENT:q"]"""));

        Assert.True(header.Matches(static c => c.Request.Headers["x-filter"] = "1 or 1=1--"));
        Assert.False(header.Matches(static c => c.Request.Headers["x-other"] = "1 or 1=1--"));
        Assert.True(argument.Matches(static c => c.Request.QueryString = new QueryString("?q=%3Csvg%20onload%3Dalert(1)%3E")));
        Assert.False(argument.Matches(static c => c.Request.QueryString = new QueryString("?r=%3Csvg%20onload%3Dalert(1)%3E")));
    }

    [Fact]
    public void Sqli_QueryArgumentNames_InspectedToo()
    {
        var acl = AclHarness.ForStatement(Sqli("""["QUERY_STRING"]"""));

        Assert.True(acl.Matches(static c => c.Request.QueryString = new QueryString("?1%27%20or%20%271%27%3D%271=x")));
    }

    public static TheoryData<string, string, bool> IpSets => new()
    {
        { "203.0.113.0/24", "203.0.113.77", true },
        { "203.0.113.0/24", "203.0.114.1", false },
        { "198.51.100.7", "198.51.100.7", true },
        { "198.51.100.7", "198.51.100.8", false },
        { "2001:db8::/32", "2001:db8:1234::1", true },
        { "2001:db8::/32", "2001:db9::1", false },
        { "203.0.113.0/24", "::ffff:203.0.113.9", true },
        { "::ffff:0:0/96", "192.0.2.1", true },
        { "0.0.0.0/0", "10.1.2.3", true },
        { "0.0.0.0/0", "2001:db8::1", false },
        { "::/0", "2001:db8::1", true },
    };

    [Theory]
    [MemberData(nameof(IpSets))]
    public void IpSet_V4AndV6_MappedAddressesNormalised(string block, string address, bool expected)
    {
        var acl = AclHarness.ForStatement("""{ "ipSet": "set" }""", ipSets: $$"""{ "set": { "addresses": ["192.0.2.250/32", "{{block}}"] } }""");

        Assert.Equal(expected, acl.Matches(static _ => { }, source: IPAddress.Parse(address)));
    }

    [Fact]
    public void GeoMatch_Header_ReadsTheConfiguredHeader()
    {
        var acl = AclHarness.ForStatement("""{ "geoMatch": { "countryCodes": ["XX", "YY"] } }""", aclExtras: """ "geo": { "header": "CloudFront-Viewer-Country" }, """);

        Assert.True(acl.Matches(static c => c.Request.Headers["CloudFront-Viewer-Country"] = "xx"));
        Assert.False(acl.Matches(static c => c.Request.Headers["CloudFront-Viewer-Country"] = "DE"));
        Assert.False(acl.Matches(static _ => { }));
    }

    [Fact]
    public void Combinators_AndOrNot_Evaluated()
    {
        var admin = """{ "byteMatch": { "fieldToMatch": "URI_PATH", "positionalConstraint": "STARTS_WITH", "searchString": "/admin" } }""";
        var delete = """{ "byteMatch": { "fieldToMatch": "METHOD", "positionalConstraint": "EXACTLY", "searchString": "DELETE" } }""";
        var office = """{ "ipSet": "office" }""";
        const string ipSets = """{ "office": { "addresses": ["10.0.0.0/8"] } }""";
        var both = AclHarness.ForStatement($$"""{ "and": [{{admin}}, {{delete}}] }""");
        var either = AclHarness.ForStatement($$"""{ "or": [{{admin}}, {{delete}}] }""");
        var outsiders = AclHarness.ForStatement($$"""{ "and": [{{admin}}, { "not": {{office}} }] }""", ipSets: ipSets);

        Assert.True(both.Matches(static c => { c.Request.Path = "/admin/x"; c.Request.Method = "DELETE"; }));
        Assert.False(both.Matches(static c => c.Request.Path = "/admin/x"));
        Assert.True(either.Matches(static c => c.Request.Method = "DELETE"));
        Assert.False(either.Matches(static c => c.Request.Path = "/shop"));
        Assert.True(outsiders.Matches(static c => c.Request.Path = "/admin", source: IPAddress.Parse("203.0.113.1")));
        Assert.False(outsiders.Matches(static c => c.Request.Path = "/admin", source: IPAddress.Parse("10.1.1.1")));
    }

    [Fact]
    public void Priorities_LowestFirst_WhateverTheFileOrder()
    {
        var trusted = """{ "byteMatch": { "fieldToMatch": "SINGLE_HEADER:x-trusted", "positionalConstraint": "EXACTLY", "searchString": "yes" } }""";
        var allowFirst = new AclHarness(With($"[{Rule("sqli", 5, "BLOCK", Sqli())}, {Rule("trusted", 1, "ALLOW", trusted)}]"));
        var blockFirst = new AclHarness(With($"[{Rule("sqli", 1, "BLOCK", Sqli())}, {Rule("trusted", 5, "ALLOW", trusted)}]"));
        static void Request(HttpContext c)
        {
            c.Request.Headers["x-trusted"] = "yes";
            c.Request.QueryString = new QueryString("?id=1%20or%201=1--");
        }

        Assert.Equal("trusted", allowFirst.Evaluate(Request).Terminating);
        Assert.Equal("sqli", blockFirst.Evaluate(Request).Terminating);
    }

    [Fact]
    public void Count_RecordsAndContinues_ThenTheNextDecisionOrTheDefault()
    {
        var bots = """{ "byteMatch": { "fieldToMatch": "SINGLE_HEADER:user-agent", "positionalConstraint": "CONTAINS", "searchString": "sqlmap", "caseSensitive": false } }""";
        var acl = new AclHarness(With($"[{Rule("bots", 0, "COUNT", bots)}, {Rule("sqli", 1, "BLOCK", Sqli())}]"));

        var counted = acl.Evaluate(static c => c.Request.Headers.UserAgent = "sqlmap/1.7");
        var blocked = acl.Evaluate(static c => { c.Request.Headers.UserAgent = "sqlmap/1.7"; c.Request.QueryString = new QueryString("?id=1%20or%201=1--"); });

        Assert.Equal("Default_Action", counted.Terminating);
        Assert.Equal(["bots"], counted.Matched);
        Assert.Equal("sqli", blocked.Terminating);
        Assert.Equal(["bots", "sqli"], blocked.Matched);
    }

    private static void Place(HttpContext context, string field, string value)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        switch (colon < 0 ? field : field[..colon])
        {
            case "SINGLE_HEADER":
                context.Request.Headers[field[(colon + 1)..]] = value;
                break;
            case "ALL_HEADERS":
                context.Request.Headers["x-any"] = value;
                break;
            case "QUERY_STRING" or "SINGLE_QUERY_ARGUMENT":
                context.Request.QueryString = new QueryString(value);
                break;
            case "METHOD":
                context.Request.Method = value;
                break;
            default:
                context.Request.Path = value;
                break;
        }
    }
}
