using Platform.Gateway.Routing;
using Platform.Definitions.Routing;

namespace Platform.Gateway.Tests.Routing;

public sealed class RouteKeyTests
{
    [Theory]
    [InlineData("$default", null, null)]
    [InlineData("GET /", "GET", "/")]
    [InlineData("ANY /{proxy+}", "ANY", "/{proxy+}")]
    [InlineData("DELETE /users/{userId}", "DELETE", "/users/{userId}")]
    [InlineData("GET /a%20b", "GET", "/a%20b")]
    public void TryParse_ValidKey_Parses(string text, string? method, string? path)
    {
        Assert.True(RouteKey.TryParse(text, out var key, out var error), error);
        Assert.Equal(method, key.Method);
        Assert.Equal(path, key.Path);
        Assert.Equal(text, key.Text);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("GET", "single space")]
    [InlineData("GET  /x", "single space")]
    [InlineData("get /x", "method 'get'")]
    [InlineData("FETCH /x", "method 'FETCH'")]
    [InlineData("GET x", "must start with '/'")]
    [InlineData("GET /x/", "must not end with '/'")]
    [InlineData("GET /a//b", "empty segment")]
    [InlineData("GET /{proxy+}/x", "greedy segment '{proxy+}' must be the last")]
    [InlineData("GET /{a}/{a}", "appears twice")]
    [InlineData("GET /x{id}", "whole '{name}'")]
    [InlineData("GET /a{b}c", "mixes literal text")]
    [InlineData("GET /{}", "parameter name")]
    [InlineData("GET /{a b}", "single space")]
    [InlineData("GET /{a*}", "parameter name")]
    [InlineData("GET /%zz", "percent-encoding")]
    public void TryParse_InvalidKey_ExplainsWhy(string text, string expected)
    {
        Assert.False(RouteKey.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_ParameterNamesDiffer_SameShape()
    {
        Assert.Equal(RouteKey.Parse("GET /pets/{id}").Shape, RouteKey.Parse("GET /pets/{name}").Shape);
        Assert.NotEqual(RouteKey.Parse("GET /pets/{id}").Shape, RouteKey.Parse("GET /pets/{id+}").Shape);
        Assert.NotEqual(RouteKey.Parse("GET /pets/{id}").Shape, RouteKey.Parse("ANY /pets/{id}").Shape);
    }
}
