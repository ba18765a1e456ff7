using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// Numbers are compared exactly from their JSON text — never overflowing, never rounding — where doubles (ajv's
/// numbers) would blur 2^53 + 1 and 1e-30. Messages print limits as JavaScript does.
/// </summary>
public sealed class SchemaNumberTests
{
    [Theory]
    [InlineData("{'maximum': 9007199254740992}", "9007199254740993", "/: must be <= 9007199254740992")]
    [InlineData("{'maximum': 9007199254740993}", "9007199254740993")]
    [InlineData("{'minimum': 123456789012345678901234567890}", "123456789012345678901234567891")]
    [InlineData("{'minimum': 123456789012345678901234567890}", "123456789012345678901234567889", "/: must be >= 1.2345678901234568e+29")]
    [InlineData("{'maximum': 1e308}", "1e400", "/: must be <= 1e+308")]
    [InlineData("{'minimum': -1e308}", "-1e400", "/: must be >= -1e+308")]
    [InlineData("{'minimum': 0, 'exclusiveMinimum': true}", "1e-30")]
    [InlineData("{'minimum': 0, 'exclusiveMinimum': true}", "0e10", "/: must be > 0")]
    [InlineData("{'maximum': 0.1}", "0.10000000000000000001", "/: must be <= 0.1")]
    [InlineData("{'maximum': 0.1}", "0.1000000000000000000")]
    [InlineData("{'minimum': 1.5}", "15e-1")]
    [InlineData("{'minimum': -0}", "0")]
    [InlineData("{'maximum': 0}", "-0.0")]
    [InlineData("{'type': 'integer'}", "1.0000000000000000000001", "/: must be integer")]
    [InlineData("{'type': 'integer'}", "12.55e1", "/: must be integer")]
    [InlineData("{'type': 'integer'}", "12.5e1")]
    [InlineData("{'type': 'integer'}", "125e-1", "/: must be integer")]
    [InlineData("{'type': 'integer'}", "1250e-1")]
    [InlineData("{'type': 'integer'}", "1E400")]
    [InlineData("{'type': 'integer'}", "-0")]
    [InlineData("{'multipleOf': 7}", "123456789012345678901234567890")]
    [InlineData("{'multipleOf': 7}", "123456789012345678901234567893", "/: must be multiple of 7")]
    [InlineData("{'multipleOf': 1e-30}", "3e-29")]
    [InlineData("{'multipleOf': 0.01}", "19.99")]
    [InlineData("{'multipleOf': 0.01}", "19.999", "/: must be multiple of 0.01")]
    [InlineData("{'multipleOf': 2}", "-4")]
    [InlineData("{'enum': [100]}", "1e2")]
    [InlineData("{'enum': [123456789012345678901234567890]}", "123456789012345678901234567891", "/: must be equal to one of the allowed values")]
    [InlineData("{'uniqueItems': true}", "[1e2, 100.0]", "/: must NOT have duplicate items (items ## 0 and 1 are identical)")]
    [InlineData("{'uniqueItems': true}", "[9007199254740992, 9007199254740993]")]
    public void Number_Instance_ExactViolations(string schema, string instance, params string[] expected)
    {
        Assert.Equal(expected, Violations(schema, instance));
    }

    [Fact]
    public void UniqueItems_LongArrays_FindDuplicatesByHash()
    {
        var distinct = "[" + string.Join(", ", Enumerable.Range(0, 500).Select(i => $"{{'k': {i}, 's': 'v{i}'}}")) + "]";
        var duplicated = distinct.TrimEnd(']') + ", {'s': 'v250', 'k': 250.0}]";

        Assert.Empty(Violations("{'uniqueItems': true}", distinct));
        Assert.Equal(["/: must NOT have duplicate items (items ## 250 and 500 are identical)"], Violations("{'uniqueItems': true}", duplicated));
    }
}
