using System.Text.Json.Nodes;

namespace Platform.Samples.Tests.Functions;

/// <summary>catalog: the items of a category (all without one), stamped with when the answer was made; 404 for an unknown category.</summary>
public sealed class CatalogFunctionTests
{
    [Theory]
    [InlineData("books", new[] { "b-001", "b-002" })]
    [InlineData("games", new[] { "g-001", "g-002" })]
    [InlineData("tools", new[] { "t-001", "t-002" })]
    public async Task Catalog_Category_ItsItems(string category, string[] ids)
    {
        var clock = new ManualTimeProvider();
        await using var app = SamplesApp.Start(clock: clock);

        var response = await app.Client.InvokeAsync("catalog", Event($$""","queryStringParameters":{"category":"{{category}}"}"""));

        Assert.Equal(200, (int)response["statusCode"]!);
        var page = JsonNode.Parse((string)response["body"]!)!;
        Assert.Equal(category, (string?)page["category"]);
        Assert.Equal(ids, page["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal(category, (string?)i!["category"]));
        Assert.Equal(clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), (string?)page["generatedAt"]);
    }

    [Fact]
    public async Task Catalog_NoCategory_EveryItem()
    {
        await using var app = SamplesApp.Start();

        var response = await app.Client.InvokeAsync("catalog", Event(""));

        var page = JsonNode.Parse((string)response["body"]!)!;
        Assert.Null(page["category"]);
        Assert.Equal(6, page["items"]!.AsArray().Count);
        Assert.Equal(34.5m, (decimal)page["items"]![0]!["price"]!);
    }

    [Fact]
    public async Task Catalog_UnknownCategory_404()
    {
        await using var app = SamplesApp.Start();

        var response = await app.Client.InvokeAsync("catalog", Event(""","queryStringParameters":{"category":"cars"}"""));

        Assert.Equal(404, (int)response["statusCode"]!);
        Assert.Equal("no category 'cars'; categories: books, games, tools", (string?)JsonNode.Parse((string)response["body"]!)!["message"]);
    }

    private static string Event(string extra) =>
        """{"version":"2.0","rawPath":"/catalog","requestContext":{"http":{"method":"GET","path":"/catalog"}}""" + extra + "}";
}
