using System.Net;
using Platform.Definitions;
using Platform.Definitions.Waf;
using Platform.Gateway.Tests.Definitions;
using static Platform.Gateway.Tests.Waf.WafApis;

namespace Platform.Gateway.Tests.Waf;

/// <summary>The WAF part of definition files: the model it builds, and every error with its key.</summary>
public sealed class WafDefinitionTests
{
    private const string Acl = "webAcls.guard";
    private const string Statement = "webAcls.guard.rules[0].statement";

    private static string One(string statement, string action = "BLOCK") => With($"[{Rule("r", 0, action, statement)}]");

    public static TheoryData<string, string, string> Errors => new()
    {
        // References.
        { One("""{ "ipSet": "nope" }"""), Statement + ".ipSet", "unknown IP set 'nope'; declared IP sets: none" },
        { One(Sqli()).Replace("\"webAcl\": \"guard\"", "\"webAcl\": \"missing\"", StringComparison.Ordinal), "apis.shop.stages.prod.webAcl", "unknown web ACL 'missing'; declared web ACLs: guard" },
        { One(Sqli()).Replace("\"webAcl\": \"guard\"", "\"webAcl\": 7", StringComparison.Ordinal), "apis.shop.stages.prod.webAcl", "must be a string, not a number" },

        // IP sets.
        { With("[]", ipSets: """{ "office": { "addresses": ["203.0.113.5/24"] } }"""), "ipSets.office.addresses[0]", "'203.0.113.5/24' is not a CIDR block" },
        { With("[]", ipSets: """{ "office": { "addresses": ["300.1.1.1"] } }"""), "ipSets.office.addresses[0]", "'300.1.1.1' is not a CIDR block" },
        { With("[]", ipSets: """{ "office": { "addresses": ["2001:db8::1/32"] } }"""), "ipSets.office.addresses[0]", "no bits set after the prefix" },
        { With("[]", ipSets: """{ "office": {} }"""), "ipSets.office", "addresses is required" },
        { With("[]", ipSets: """{ "bad name": { "addresses": [] } }"""), "ipSets[\"bad name\"]", "IP set name 'bad name' must be 1 to 128 letters, digits, '-' or '_'" },

        // The ACL and its rules.
        { With("[]", defaultAction: "COUNT"), Acl + ".defaultAction", "defaultAction must be ALLOW or BLOCK, not 'COUNT'" },
        { With("[]").Replace("\"defaultAction\": \"ALLOW\",", "", StringComparison.Ordinal), Acl, "defaultAction is required" },
        { With("[]", aclExtras: """ "rule": [], """), Acl + ".rule", "unknown property 'rule'; expected one of: description, defaultAction, geo, rules, blockResponse" },
        { With($"[{Rule("a", 1, "BLOCK", Sqli())}, {Rule("a", 2, "BLOCK", Xss())}]"), Acl + ".rules[1].name", "rule name 'a' is already used by webAcls.guard.rules[0]" },
        { With($"[{Rule("a", 1, "BLOCK", Sqli())}, {Rule("b", 1, "BLOCK", Xss())}]"), Acl + ".rules[1].priority", "priority 1 is already used by webAcls.guard.rules[0]" },
        { With($"[{Rule("a", -1, "BLOCK", Sqli())}]"), Acl + ".rules[0].priority", "priority must be 0 or more, not -1" },
        { With($"[{Rule("a b", 1, "BLOCK", Sqli())}]"), Acl + ".rules[0].name", "rule name 'a b' must be 1 to 128 letters" },
        { One(Sqli(), action: "DENY"), Acl + ".rules[0].action", "unknown action 'DENY'; expected one of: ALLOW, BLOCK, COUNT" },
        { With("""[{ "name": "r", "priority": 0, "statement": { "ipSet": "x" } }]""", ipSets: """{ "x": { "addresses": [] } }"""), Acl + ".rules[0]", "action is required: ALLOW, BLOCK or COUNT" },
        { With("""[{ "priority": 0, "action": "BLOCK", "statement": { "ipSet": "x" } }]""", ipSets: """{ "x": { "addresses": [] } }"""), Acl + ".rules[0]", "name is required" },
        { With("""[{ "name": "r", "action": "BLOCK", "statement": { "ipSet": "x" } }]""", ipSets: """{ "x": { "addresses": [] } }"""), Acl + ".rules[0]", "priority is required" },
        { With("""[{ "name": "r", "priority": 0, "action": "BLOCK" }]"""), Acl + ".rules[0]", "statement is required" },
        { With("[]", aclExtras: """ "blockResponse": { "statusCode": 700 }, """), Acl + ".blockResponse.statusCode", "statusCode must be from 200 to 599, not 700" },

        // Statements.
        { One("""{ "sqlMatch": { "fieldsToMatch": ["BODY"] } }"""), Statement + ".sqlMatch", "unknown property 'sqlMatch'; expected one of: ipSet, sqliMatch, xssMatch, rateBased" },
        { One("""{}"""), Statement, "a statement has exactly one of: ipSet, sqliMatch, xssMatch, rateBased, sizeConstraint, geoMatch, byteMatch, regexMatch, and, or, not; this one has none" },
        { One("""{ "sqliMatch": { "fieldsToMatch": ["BODY"] }, "xssMatch": { "fieldsToMatch": ["BODY"] } }"""), Statement, "this one has sqliMatch, xssMatch" },
        { One(Sqli("""["QUERY"]""")), Statement + ".sqliMatch.fieldsToMatch[0]", "unknown field 'QUERY'; expected one of: QUERY_STRING, BODY, ALL_HEADERS, URI_PATH, SINGLE_HEADER:{name}, SINGLE_QUERY_ARGUMENT:{name}, METHOD" },
        { One(Sqli("""["SINGLE_HEADER"]""")), Statement + ".sqliMatch.fieldsToMatch[0]", "SINGLE_HEADER needs a name: SINGLE_HEADER:{name}" },
        { One(Xss("""["QUERY_STRING:x"]""")), Statement + ".xssMatch.fieldsToMatch[0]", "QUERY_STRING takes no name" },
        { One(Xss("""["BODY", "BODY"]""")), Statement + ".xssMatch.fieldsToMatch[1]", "BODY is listed twice" },
        { One(Sqli("[]")), Statement + ".sqliMatch.fieldsToMatch", "fieldsToMatch must not be empty" },
        { One("""{ "sqliMatch": {} }"""), Statement + ".sqliMatch", "fieldsToMatch is required" },
        { One("""{ "sqliMatch": { "fieldsToMatch": ["BODY"], "oversizeHandling": "SKIP" } }"""), Statement + ".sqliMatch.oversizeHandling", "unknown oversizeHandling 'SKIP'; expected one of: CONTINUE, MATCH, NO_MATCH" },
        { One("""{ "regexMatch": { "fieldToMatch": "URI_PATH", "regex": "(" } }"""), Statement + ".regexMatch.regex", "regex '(' is not a valid regular expression" },
        { One("""{ "regexMatch": { "fieldToMatch": "URI_PATH", "regex": "(a)\\1" } }"""), Statement + ".regexMatch.regex", "cannot be matched in linear time" },
        { One("""{ "regexMatch": { "fieldToMatch": "URI_PATH", "regex": "a(?=b)" } }"""), Statement + ".regexMatch.regex", "cannot be matched in linear time" },
        { One("""{ "regexMatch": { "fieldToMatch": "URI_PATH" } }"""), Statement + ".regexMatch", "regex is required" },
        { One("""{ "regexMatch": { "fieldToMatch": "URI_PATH", "regex": "x", "textTransformations": ["BASE64_DECODE"] } }"""), Statement + ".regexMatch.textTransformations[0]", "unknown text transformation 'BASE64_DECODE'" },
        { One("""{ "byteMatch": { "fieldToMatch": "URI_PATH", "positionalConstraint": "HAS", "searchString": "x" } }"""), Statement + ".byteMatch.positionalConstraint", "unknown positionalConstraint 'HAS'; expected one of: EXACTLY, STARTS_WITH, ENDS_WITH, CONTAINS, CONTAINS_WORD" },
        { One("""{ "byteMatch": { "fieldToMatch": "URI_PATH", "positionalConstraint": "CONTAINS", "searchString": "" } }"""), Statement + ".byteMatch.searchString", "searchString must be 1 to 8192 characters long, not 0" },
        { One("""{ "byteMatch": { "positionalConstraint": "CONTAINS", "searchString": "x" } }"""), Statement + ".byteMatch", "fieldToMatch is required" },
        { One("""{ "sizeConstraint": { "fieldToMatch": "BODY", "size": 1 } }"""), Statement + ".sizeConstraint", "comparisonOperator is required: one of EQ, NE, LE, LT, GE, GT" },
        { One("""{ "sizeConstraint": { "fieldToMatch": "BODY", "comparisonOperator": "GT", "size": -1 } }"""), Statement + ".sizeConstraint.size", "size must be 0 or more bytes, not -1" },
        { One("""{ "rateBased": { "limit": 9 } }"""), Statement + ".rateBased.limit", "limit must be from 10 to 2000000000 (AWS's bounds), not 9" },
        { One("""{ "rateBased": { "limit": 2000000001 } }"""), Statement + ".rateBased.limit", "limit must be from 10 to 2000000000" },
        { One("""{ "rateBased": { "limit": 100, "evaluationWindowSec": 100 } }"""), Statement + ".rateBased.evaluationWindowSec", "evaluationWindowSec must be one of 60, 120, 300, 600, not 100" },
        { One("""{ "rateBased": {} }"""), Statement + ".rateBased", "limit is required" },
        { One("""{ "not": { "rateBased": { "limit": 100 } } }"""), Statement + ".not.rateBased", "rateBased counts the requests reaching its rule: make it a rule's statement, not part of and/or/not" },
        { One($$"""{ "and": [{{Sqli()}}] }"""), Statement + ".and", "and needs two or more statements" },
        { One("""{ "or": { "ipSet": "x" } }"""), Statement + ".or", "or must be an array of two or more statements, not an object" },
        { One("""{ "geoMatch": { "countryCodes": ["XX"] } }"""), Statement + ".geoMatch", "geoMatch needs the web ACL's geo source" },
        { With($"[{Rule("r", 0, "BLOCK", """{ "geoMatch": { "countryCodes": ["usa"] } }""")}]", aclExtras: """ "geo": { "header": "X-Country" }, """), Statement + ".geoMatch.countryCodes[0]", "'usa' is not a country code: two upper-case letters (ISO 3166-1 alpha-2)" },

        // The geo source.
        { With("[]", aclExtras: """ "geo": { "header": "X-Country", "database": "c.csv" }, """), Acl + ".geo", "geo has exactly one of: header" },
        { With("[]", aclExtras: """ "geo": { "header": "Bad Header" }, """), Acl + ".geo.header", "'Bad Header' is not a header name" },
        { With("[]", aclExtras: """ "geo": { "database": "/nonexistent/countries.csv" }, """), Acl + ".geo.database", "cannot read the geo database /nonexistent/countries.csv" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadText_WafError_ReportsKeyAndMessage(string json, string key, string message) =>
        DefinitionAssert.SingleError(json, key, message);

    public static TheoryData<string, int, string> GeoDatabaseErrors => new()
    {
        { "10.0.0.0,10.0.0.255,DE\n# comment\n300.0.0.1,300.0.0.2,FR\n", 3, "'300.0.0.1' is not an IP address" },
        { "10.0.0.0,10.0.0.255\n", 1, "expected startIp,endIp,CC, not '10.0.0.0,10.0.0.255'" },
        { "10.0.0.0,2001:db8::1,DE\n", 1, "'10.0.0.0' and '2001:db8::1' are not of the same family" },
        { "10.0.0.9,10.0.0.1,DE\n", 1, "the range starts after it ends (10.0.0.9 > 10.0.0.1)" },
        { "10.0.0.0,10.0.0.255,DEU\n", 1, "'DEU' is not a two-letter country code" },
        { "\n10.0.0.0,10.0.0.255,DE\n\n10.0.0.128,10.0.1.0,FR\n", 4, "its range overlaps the range on line 2" },
    };

    [Theory]
    [MemberData(nameof(GeoDatabaseErrors))]
    public void Load_GeoDatabaseMalformed_ReportsFileAndLine(string csv, int line, string message)
    {
        using var directory = new TempDirectory();
        var database = directory.Write("geo/countries.csv", csv);
        var file = directory.Write("apis.json", With("[]", aclExtras: """ "geo": { "database": "geo/countries.csv" }, """));

        var result = DefinitionLoader.Load([file]);

        var error = Assert.Single(result.Errors);
        Assert.Equal((file, Acl + ".geo.database"), (error.File, error.Key));
        Assert.Contains($"geo database {database} line {line}: {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GeoDatabaseWithoutRanges_Reported()
    {
        using var directory = new TempDirectory();
        directory.Write("countries.csv", "# nothing yet\n\n");
        var file = directory.Write("apis.json", With("[]", aclExtras: """ "geo": { "database": "countries.csv" }, """));

        var error = Assert.Single(DefinitionLoader.Load([file]).Errors);

        Assert.Contains("has no ranges", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GeoDatabaseWithManyBadLines_ListsTheFirstTwentyThenCounts()
    {
        using var directory = new TempDirectory();
        directory.Write("countries.csv", string.Concat(Enumerable.Repeat("not,a,range!\n", 25)));
        var file = directory.Write("apis.json", With("[]", aclExtras: """ "geo": { "database": "countries.csv" }, """));

        var errors = DefinitionLoader.Load([file]).Errors;

        Assert.Equal(21, errors.Count);
        Assert.EndsWith("5 more malformed lines not listed", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GeoDatabase_RelativeToTheDefinitionFile_LooksUpV4AndV6()
    {
        using var directory = new TempDirectory();
        directory.Write("geo/countries.csv", "# start,end,country\n2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,NL\n203.0.113.0, 203.0.113.255 ,fr\n198.51.100.0,198.51.100.127,DE\n");
        var file = directory.Write("apis.json", With($"[{Rule("r", 0, "BLOCK", """{ "geoMatch": { "countryCodes": ["FR"] } }""")}]", aclExtras: """ "geo": { "database": "geo/countries.csv" }, """));

        var result = DefinitionLoader.Load([file]);

        Assert.Empty(result.Errors);
        var database = result.Definition!.WebAcls["guard"].Geo!.Database!;
        Assert.Equal(3, database.Count);
        Assert.Equal("FR", database.Lookup(IpAddressKey.Of(IPAddress.Parse("203.0.113.9"))));
        Assert.Equal("FR", database.Lookup(IpAddressKey.Of(IPAddress.Parse("::ffff:203.0.113.255"))));
        Assert.Equal("DE", database.Lookup(IpAddressKey.Of(IPAddress.Parse("198.51.100.0"))));
        Assert.Null(database.Lookup(IpAddressKey.Of(IPAddress.Parse("198.51.100.128"))));
        Assert.Equal("NL", database.Lookup(IpAddressKey.Of(IPAddress.Parse("2001:db8:5::1"))));
        Assert.Null(database.Lookup(IpAddressKey.Of(IPAddress.Parse("2001:db9::1"))));
    }

    [Fact]
    public void LoadText_WafAcrossFiles_DuplicateNamesReportedWithTheFirstDeclaration()
    {
        const string second = """{ "ipSets": { "office": { "addresses": [] } }, "webAcls": { "guard": { "defaultAction": "BLOCK" } } }""";

        var result = DefinitionLoader.LoadText([("a.json", With("[]", ipSets: """{ "office": { "addresses": [] } }""")), ("b.json", second)]);

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, static e => e is { File: "b.json", Key: "ipSets.office" } && e.Message.Contains("IP set 'office' is already declared in a.json (ipSets.office)", StringComparison.Ordinal));
        Assert.Contains(result.Errors, static e => e is { File: "b.json", Key: "webAcls.guard" } && e.Message.Contains("web ACL 'guard' is already declared in a.json (webAcls.guard)", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_IpSetInAnotherFile_Resolves()
    {
        const string sets = """{ "ipSets": { "office": { "addresses": ["10.0.0.0/8"] } } }""";

        var result = DefinitionLoader.LoadText([("a.json", One("""{ "ipSet": "office" }""")), ("b.json", sets)]);

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void LoadText_FullAcl_BuildsTheModel()
    {
        var rules = $$"""
            [
              { "name": "admin", "priority": 7, "action": "BLOCK", "statement": { "regexMatch": { "fieldToMatch": "URI_PATH", "regex": "^/admin(/|$)" } } },
              { "name": "office", "priority": 0, "action": "ALLOW", "statement": { "ipSet": "office" } },
              { "name": "sqli", "priority": 1, "action": "BLOCK", "statement": {{Sqli()}} },
              { "name": "per-ip", "priority": 3, "action": "BLOCK", "statement": { "rateBased": { "limit": 2000, "evaluationWindowSec": 300 } } },
              { "name": "big", "priority": 4, "action": "BLOCK", "statement": { "sizeConstraint": { "fieldToMatch": "BODY", "comparisonOperator": "GT", "size": 8192 } } },
              { "name": "geo", "priority": 5, "action": "BLOCK", "statement": { "geoMatch": { "countryCodes": ["XX"] } } },
              { "name": "bots", "priority": 6, "action": "COUNT", "statement": { "byteMatch": { "fieldToMatch": "SINGLE_HEADER:user-agent", "positionalConstraint": "CONTAINS", "searchString": "sqlmap", "caseSensitive": false } } },
              { "name": "no-old", "priority": 8, "action": "BLOCK", "statement": { "not": { "ipSet": "office" } } }
            ]
            """;
        var json = With(rules, aclExtras: """ "description": "shop", "geo": { "header": "CloudFront-Viewer-Country" }, "blockResponse": { "statusCode": 403, "body": "no", "headers": { "x-blocked-by": "waf" } }, """,
            ipSets: """{ "office": { "addresses": ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] } }""");

        var result = DefinitionLoader.LoadText([("waf.json", json)]);

        Assert.Empty(result.Errors);
        var definition = result.Definition!;
        var acl = definition.WebAcls["guard"];
        Assert.Equal(["office", "sqli", "per-ip", "big", "geo", "bots", "admin", "no-old"], acl.Rules.Select(static r => r.Name));
        Assert.Equal(("shop", WafAction.Allow, "CloudFront-Viewer-Country"), (acl.Description, acl.DefaultAction, acl.Geo!.Header));
        Assert.Equal((403, "no", "waf"), (acl.BlockResponse!.StatusCode, acl.BlockResponse.Body, acl.BlockResponse.Headers["X-Blocked-By"]));
        Assert.Equal(new RateBasedStatement { Limit = 2000, EvaluationWindowSec = 300 }, acl.Rules[2].Statement);
        var bots = Assert.IsType<ByteMatchStatement>(acl.Rules[5].Statement);
        Assert.Equal((new FieldToMatch(FieldToMatchKind.SingleHeader, "user-agent"), PositionalConstraint.Contains, false), (bots.FieldToMatch, bots.PositionalConstraint, bots.CaseSensitive));
        Assert.Equal(WafAction.Count, acl.Rules[5].Action);
        Assert.Equal(new IpSetStatement("office"), Assert.IsType<NotStatement>(acl.Rules[7].Statement).Statement);
        Assert.Equal(3, definition.IpSets["office"].Networks.Count);
        Assert.Equal("guard", definition.Apis["shop"].Stages["prod"].WebAcl);
    }
}
