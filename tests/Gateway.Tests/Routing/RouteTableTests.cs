using Platform.Definitions;
using Platform.Gateway.Routing;
using Platform.Definitions.Routing;

namespace Platform.Gateway.Tests.Routing;

/// <summary>Route matching per AWS-REFERENCE §1: priority, methods, greedy segments, slashes, case and encoding.</summary>
public sealed class RouteTableTests
{
    // The AWS developer guide's example (§1.3).
    private static readonly string[] AwsExample = ["GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default"];

    private static readonly string[] Shop =
    [
        "GET /users", "POST /users", "GET /users/{userId}", "DELETE /users/{userId}", "GET /users/{userId}/orders/{orderId}",
        "ANY /orders", "ANY /orders/{proxy+}", "GET /orders/summary", "GET /health", "ANY /echo/{proxy+}",
        "GET /files/{name}", "GET /files/{path+}", "PUT /a/{x}/c", "PUT /a/b/{y}", "GET /", "OPTIONS /users",
        "GET /{tenant}/settings", "GET /static/{proxy+}", "GET /static/img/{proxy+}", "HEAD /users",
    ];

    public static TheoryData<string, string, string?, string?> AwsExampleCases => new()
    {
        { "GET", "/pets/dog/1", "GET /pets/dog/1", null },
        { "GET", "/pets/dog/2", "GET /pets/dog/{id}", "id=2" },
        { "GET", "/pets/cat/1", "GET /pets/{proxy+}", "proxy=cat/1" },
        { "POST", "/test/5", "ANY /{proxy+}", "proxy=test/5" },
        // A method the literal route lacks falls through to the greedy route that serves it (§1.4, §10).
        { "POST", "/pets/dog/1", "ANY /{proxy+}", "proxy=pets/dog/1" },
        { "GET", "/", "$default", null },
        { "DELETE", "/", "$default", null },
    };

    [Theory]
    [MemberData(nameof(AwsExampleCases))]
    public void Match_AwsExample_ChoosesTheDocumentedRoute(string method, string path, string? expectedRoute, string? expectedParameters) =>
        AssertMatch(AwsExample, method, path, expectedRoute, expectedParameters, http: true);

    public static TheoryData<string, string, string?, string?> ShopCases => new()
    {
        { "GET", "/users", "GET /users", null },
        { "POST", "/users", "POST /users", null },
        { "PATCH", "/users", null, null },
        { "GET", "/users/", "GET /users", null },
        { "GET", "/users/42", "GET /users/{userId}", "userId=42" },
        { "GET", "/users/42/", "GET /users/{userId}", "userId=42" },
        { "DELETE", "/users/42", "DELETE /users/{userId}", "userId=42" },
        { "PUT", "/users/42", null, null },
        { "GET", "/users/42/orders/7", "GET /users/{userId}/orders/{orderId}", "orderId=7;userId=42" },
        { "GET", "/Users", null, null },
        { "GET", "/Users/settings", "GET /{tenant}/settings", "tenant=Users" },
        { "GET", "/orders", "ANY /orders", null },
        { "DELETE", "/orders", "ANY /orders", null },
        { "GET", "/orders/summary", "GET /orders/summary", null },
        { "POST", "/orders/summary", "ANY /orders/{proxy+}", "proxy=summary" },
        { "GET", "/orders/1/items/2", "ANY /orders/{proxy+}", "proxy=1/items/2" },
        { "GET", "/orders/", "ANY /orders", null },
        { "GET", "/health", "GET /health", null },
        { "POST", "/health", null, null },
        { "GET", "/echo", null, null },
        { "GET", "/echo/a", "ANY /echo/{proxy+}", "proxy=a" },
        { "GET", "/echo/a/b/c/", "ANY /echo/{proxy+}", "proxy=a/b/c/" },
        { "GET", "/files/readme", "GET /files/{name}", "name=readme" },
        { "GET", "/files/docs/readme", "GET /files/{path+}", "path=docs/readme" },
        { "GET", "/files/a%2Fb", "GET /files/{name}", "name=a/b" },
        { "GET", "/files/caf%C3%A9", "GET /files/{name}", "name=café" },
        { "PUT", "/a/b/c", "PUT /a/b/{y}", "y=c" },
        { "PUT", "/a/z/c", "PUT /a/{x}/c", "x=z" },
        { "GET", "/", "GET /", null },
        { "POST", "/", null, null },
        { "OPTIONS", "/users", "OPTIONS /users", null },
        { "HEAD", "/users", "HEAD /users", null },
        { "HEAD", "/users/1", null, null },
        { "GET", "/acme/settings", "GET /{tenant}/settings", "tenant=acme" },
        // Segment by segment a literal beats a parameter, even when a later segment would have matched literally.
        { "GET", "/users/settings", "GET /users/{userId}", "userId=settings" },
        { "GET", "/static/img/logo.png", "GET /static/img/{proxy+}", "proxy=logo.png" },
        { "GET", "/static/css/site.css", "GET /static/{proxy+}", "proxy=css/site.css" },
        { "GET", "/static", null, null },
        { "GET", "/nothing/here", null, null },
        { "GET", "//users", null, null },
        { "FOO", "/orders", "ANY /orders", null },
    };

    [Theory]
    [MemberData(nameof(ShopCases))]
    public void Match_HttpApi_FollowsAwsPriority(string method, string path, string? expectedRoute, string? expectedParameters) =>
        AssertMatch(Shop, method, path, expectedRoute, expectedParameters, http: true);

    public static TheoryData<string, string, string?, string?> RestCases => new()
    {
        // REST passes path parameters as sent and drops a trailing slash from the greedy value (§1.5).
        { "GET", "/files/a%2Fb", "GET /files/{name}", "name=a%2Fb" },
        { "GET", "/echo/a/b/", "ANY /echo/{proxy+}", "proxy=a/b" },
        { "GET", "/echo/a%20b", "ANY /echo/{proxy+}", "proxy=a%20b" },
        { "GET", "/users/42/", "GET /users/{userId}", "userId=42" },
    };

    [Theory]
    [MemberData(nameof(RestCases))]
    public void Match_RestApi_KeepsParametersRaw(string method, string path, string? expectedRoute, string? expectedParameters) =>
        AssertMatch(Shop, method, path, expectedRoute, expectedParameters, http: false);

    [Fact]
    public void Match_GreedyRouteAtRoot_DoesNotMatchRoot()
    {
        var table = Table("ANY /{proxy+}");

        Assert.Null(table.Match("GET", "/", decodeParameters: true, keepTrailingSlash: true));
        Assert.NotNull(table.Match("GET", "/x", decodeParameters: true, keepTrailingSlash: true));
    }

    [Fact]
    public void Match_ParameterNamesDifferByMethod_BindsTheMatchedRoutesNames()
    {
        var table = Table("GET /pets/{id}", "DELETE /pets/{petId}");

        var get = table.Match("GET", "/pets/7", true, true);
        var delete = table.Match("DELETE", "/pets/7", true, true);

        Assert.Equal("7", get!.PathParameters!["id"]);
        Assert.Equal("7", delete!.PathParameters!["petId"]);
    }

    [Fact]
    public void Match_ExplicitMethodAndAnyOnSamePath_ExplicitWins()
    {
        var table = Table("ANY /pets", "GET /pets");

        Assert.Equal("GET /pets", table.Match("GET", "/pets", true, true)!.Route.Key.Text);
        Assert.Equal("ANY /pets", table.Match("POST", "/pets", true, true)!.Route.Key.Text);
    }

    [Fact]
    public void Match_LiteralBeatsParameterWhateverTheDeclarationOrder()
    {
        var paramFirst = Table("GET /pets/{id}", "GET /pets/mine");
        var literalFirst = Table("GET /pets/mine", "GET /pets/{id}");

        Assert.Equal("GET /pets/mine", paramFirst.Match("GET", "/pets/mine", true, true)!.Route.Key.Text);
        Assert.Equal("GET /pets/mine", literalFirst.Match("GET", "/pets/mine", true, true)!.Route.Key.Text);
    }

    [Fact]
    public void Match_NonGreedyAnywhereBeatsGreedy()
    {
        var table = Table("GET /a/{proxy+}", "GET /{x}/b");

        Assert.Equal("GET /{x}/b", table.Match("GET", "/a/b", true, true)!.Route.Key.Text);
    }

    [Fact]
    public void Match_DeepPathWithoutMatch_BacktracksToShallowerParameter()
    {
        var table = Table("GET /a/b/c/d", "GET /{w}/b/c/e");

        var match = table.Match("GET", "/a/b/c/e", true, true);

        Assert.Equal("GET /{w}/b/c/e", match!.Route.Key.Text);
        Assert.Equal("a", match.PathParameters!["w"]);
    }

    [Fact]
    public void Match_PathCase_IsSignificant()
    {
        var table = Table("GET /Pets");

        Assert.NotNull(table.Match("GET", "/Pets", true, true));
        Assert.Null(table.Match("GET", "/pets", true, true));
    }

    [Fact]
    public void Match_MethodIsCaseSensitive_AsHttpSays()
    {
        var table = Table("GET /pets");

        Assert.Null(table.Match("get", "/pets", true, true));
    }

    private static void AssertMatch(string[] keys, string method, string path, string? expectedRoute, string? expectedParameters, bool http)
    {
        var table = Table(keys);

        var match = table.Match(method, path, decodeParameters: http, keepTrailingSlash: http);

        Assert.Equal(expectedRoute, match?.Route.Key.Text);
        if (expectedParameters is not null)
        {
            var actual = string.Join(';', match!.PathParameters!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            Assert.Equal(expectedParameters, actual);
        }
        else if (match is not null)
        {
            Assert.Null(match.PathParameters);
        }
    }

    private static RouteTable Table(params string[] keys) =>
        RouteTable.Build(keys.Select(k => new RouteDefinition { Key = RouteKey.Parse(k), Integration = "i" }));
}
