using Platform.Definitions;

namespace Platform.Gateway.Tests.Definitions;

/// <summary>The sample definitions the AppHost serves (AppHost/apis) load without errors and carry the traffic protection.</summary>
public sealed class SampleDefinitionsTests
{
    private static readonly Lazy<GatewayDefinition> Sample = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }

        var apis = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test assembly"), "AppHost", "apis");
        var result = DefinitionLoader.Load([apis]);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Definition;
    });

    private static ApiDefinition Shop => Sample.Value.Apis["shop"];

    [Fact]
    public void Prod_ThrottledAt500Burst1000_PostOrdersAt20Burst50()
    {
        var prod = Shop.Stages["prod"];

        Assert.Equal((500d, 1000), (prod.SettingsFor("GET /users").ThrottlingRateLimit!.Value, prod.SettingsFor("GET /users").ThrottlingBurstLimit!.Value));
        Assert.Equal((20d, 50), (prod.SettingsFor("POST /orders").ThrottlingRateLimit!.Value, prod.SettingsFor("POST /orders").ThrottlingBurstLimit!.Value));
    }

    [Fact]
    public void PostUsers_ValidatedAgainstCreateUser()
    {
        var route = Shop.Routes.Single(r => r.Key.Text == "POST /users");

        Assert.True(Shop.RequestValidators[route.RequestValidatorId!].ValidateRequestBody);
        Assert.Equal("CreateUser", route.RequestModels["application/json"]);
        using var valid = System.Text.Json.JsonDocument.Parse("""{"email": "ada@example.com", "name": "Ada", "age": 36, "role": "admin"}""");
        using var invalid = System.Text.Json.JsonDocument.Parse("""{"email": "ada", "name": "", "age": 151, "role": "owner"}""");
        Assert.True(Shop.Models["CreateUser"].Schema.Validate(valid.RootElement).IsValid);
        Assert.Equal(["/age", "/email", "/name", "/role"], Shop.Models["CreateUser"].Schema.Validate(invalid.RootElement).Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_Cached60SecondsPerCategory_OtherRoutesNotCached()
    {
        var prod = Shop.Stages["prod"];
        var catalog = Shop.Routes.Single(r => r.Key.Text == "GET /catalog");

        Assert.True(prod.CacheClusterEnabled);
        Assert.Equal((true, 60), (prod.SettingsFor("GET /catalog").CachingEnabled!.Value, prod.SettingsFor("GET /catalog").CacheTtlInSeconds!.Value));
        Assert.Equal("method.request.querystring.category", Assert.Single(catalog.CacheKeyParameters).Expression);
        Assert.False(prod.SettingsFor("GET /me").CachingEnabled);
        Assert.False(prod.SettingsFor("GET /users").CachingEnabled);
    }

    [Fact]
    public void Prod_InspectedByTheWebAcl()
    {
        Assert.Equal("shop-waf", Shop.Stages["prod"].WebAcl);
        Assert.True(Sample.Value.WebAcls.ContainsKey("shop-waf"));
    }
}
