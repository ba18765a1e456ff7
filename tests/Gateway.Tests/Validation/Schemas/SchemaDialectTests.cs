using Platform.Definitions.Schemas;
using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>What differs between draft-04 (API Gateway's models, and the default) and 2020-12.</summary>
public sealed class SchemaDialectTests
{
    private const string Draft04 = "'$schema': 'http://json-schema.org/draft-04/schema#', ";
    private const string Draft2020 = "'$schema': 'https://json-schema.org/draft/2020-12/schema', ";

    [Theory]
    [InlineData("{'type': 'string'}", SchemaDialect.Draft04)]
    [InlineData("{" + Draft04 + "'type': 'string'}", SchemaDialect.Draft04)]
    [InlineData("{" + Draft2020 + "'type': 'string'}", SchemaDialect.Draft202012)]
    public void TryCompile_Schema_DialectFromDollarSchema(string schema, SchemaDialect dialect)
    {
        Assert.Equal(dialect, Compile(schema).Dialect);
    }

    [Theory]
    [InlineData("{" + Draft04 + "'minimum': 5, 'exclusiveMinimum': true}", "5", "/: must be > 5")]
    [InlineData("{" + Draft04 + "'minimum': 5, 'exclusiveMinimum': true}", "5.01")]
    [InlineData("{" + Draft04 + "'minimum': 5, 'exclusiveMinimum': false}", "5")]
    [InlineData("{" + Draft04 + "'maximum': 5, 'exclusiveMaximum': true}", "5", "/: must be < 5")]
    [InlineData("{" + Draft2020 + "'exclusiveMinimum': 5}", "5", "/: must be > 5")]
    [InlineData("{" + Draft2020 + "'exclusiveMinimum': 5, 'minimum': 7}", "6", "/: must be >= 7")]
    [InlineData("{" + Draft2020 + "'exclusiveMaximum': 5}", "4.999")]
    public void ExclusiveLimits_BooleanInDraft04_NumberIn2020(string schema, string instance, params string[] expected)
    {
        Assert.Equal(expected, Violations(schema, instance));
    }

    [Theory]
    [InlineData("{" + Draft04 + "'items': [{'type': 'string'}, {'type': 'number'}]}", "['a', 1, null]")]
    [InlineData("{" + Draft04 + "'items': [{'type': 'string'}, {'type': 'number'}]}", "[1, 'a']", "/0: must be string", "/1: must be number")]
    [InlineData("{" + Draft04 + "'items': [{'type': 'string'}], 'additionalItems': false}", "['a', 'b']", "/: must NOT have more than 1 items")]
    [InlineData("{" + Draft04 + "'prefixItems': [{'type': 'string'}]}", "[1]")]
    [InlineData("{" + Draft2020 + "'prefixItems': [{'type': 'string'}, {'type': 'number'}]}", "[1, 'a']", "/0: must be string", "/1: must be number")]
    [InlineData("{" + Draft2020 + "'prefixItems': [{'type': 'string'}], 'additionalItems': false}", "['a', 'b']")]
    [InlineData("{" + Draft2020 + "'items': {'type': 'string'}}", "['a', 2]", "/1: must be string")]
    public void Items_ArrayFormInDraft04_PrefixItemsIn2020(string schema, string instance, params string[] expected)
    {
        Assert.Equal(expected, Violations(schema, instance));
    }

    [Theory]
    [InlineData(Draft04, "'abc'")]
    [InlineData(Draft2020, "'abc'", "/: must NOT have more than 2 characters")]
    public void RefSiblings_IgnoredInDraft04_AppliedIn2020(string dialect, string instance, params string[] expected)
    {
        var schema = "{" + dialect + "'definitions': {'s': {'type': 'string'}}, '$ref': '#/definitions/s', 'maxLength': 2}";

        Assert.Equal(expected, Violations(schema, instance));
    }

    [Fact]
    public void Const_AcceptedInDraft04_AsAjvDoes()
    {
        Assert.Equal(["/: must be equal to constant"], Violations("{" + Draft04 + "'const': 'x'}", "'y'"));
    }
}
