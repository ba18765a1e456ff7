using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>
/// Each keyword with instances that pass and instances that fail, and the exact violations (path: message, sorted)
/// — messages as ajv words them. Draft-04 unless the schema names 2020-12.
/// </summary>
public sealed class SchemaKeywordTests
{
    private const string Draft2020 = "'$schema': 'https://json-schema.org/draft/2020-12/schema', ";

    [Theory]
    // type
    [InlineData("{'type': 'string'}", "'a'")]
    [InlineData("{'type': 'string'}", "5", "/: must be string")]
    [InlineData("{'type': 'integer'}", "5")]
    [InlineData("{'type': 'integer'}", "5.0")]
    [InlineData("{'type': 'integer'}", "1e2")]
    [InlineData("{'type': 'integer'}", "5.5", "/: must be integer")]
    [InlineData("{'type': 'integer'}", "123456789012345678901234567890")]
    [InlineData("{'type': 'number'}", "-0.5")]
    [InlineData("{'type': 'number'}", "'5'", "/: must be number")]
    [InlineData("{'type': 'null'}", "null")]
    [InlineData("{'type': 'boolean'}", "false")]
    [InlineData("{'type': 'boolean'}", "0", "/: must be boolean")]
    [InlineData("{'type': 'object'}", "[]", "/: must be object")]
    [InlineData("{'type': 'array'}", "{}", "/: must be array")]
    [InlineData("{'type': ['string', 'null']}", "null")]
    [InlineData("{'type': ['string', 'null']}", "1", "/: must be string,null")]
    [InlineData("{'type': ['integer', 'string']}", "1.5", "/: must be integer,string")]
    // enum and const
    [InlineData("{'enum': ['a', 1, null]}", "'a'")]
    [InlineData("{'enum': ['a', 1, null]}", "1.0")]
    [InlineData("{'enum': ['a', 1, null]}", "null")]
    [InlineData("{'enum': ['a', 1, null]}", "'b'", "/: must be equal to one of the allowed values")]
    [InlineData("{'enum': [{'a': [1, 2]}]}", "{'a': [1.0, 2e0]}")]
    [InlineData("{'enum': [{'a': [1, 2]}]}", "{'a': [2, 1]}", "/: must be equal to one of the allowed values")]
    [InlineData("{'enum': ['\\u00e9']}", "'é'")]
    [InlineData("{'const': {'x': 1, 'y': 2}}", "{'y': 2, 'x': 1}")]
    [InlineData("{'const': {'x': 1, 'y': 2}}", "{'x': 1}", "/: must be equal to constant")]
    [InlineData("{'const': 0}", "-0")]
    // numbers
    [InlineData("{'minimum': 0}", "0")]
    [InlineData("{'minimum': 0}", "-1", "/: must be >= 0")]
    [InlineData("{'minimum': 0}", "-0.5", "/: must be >= 0")]
    [InlineData("{'minimum': 0}", "'not a number'")]
    [InlineData("{'maximum': 150}", "150")]
    [InlineData("{'maximum': 150}", "150.5", "/: must be <= 150")]
    [InlineData("{'maximum': 1.5e3}", "1501", "/: must be <= 1500")]
    [InlineData("{'minimum': 1e-7}", "0", "/: must be >= 1e-7")]
    [InlineData("{'maximum': 1e21}", "2e21", "/: must be <= 1e+21")]
    [InlineData("{'multipleOf': 3}", "9")]
    [InlineData("{'multipleOf': 3}", "10", "/: must be multiple of 3")]
    [InlineData("{'multipleOf': 0.5}", "2.5")]
    [InlineData("{'multipleOf': 0.5}", "2.25", "/: must be multiple of 0.5")]
    [InlineData("{'multipleOf': 0.1}", "0.3")]
    [InlineData("{'multipleOf': 0.0001}", "0.0075")]
    [InlineData("{'multipleOf': 2}", "1e400")]
    // strings
    [InlineData("{'minLength': 2}", "'ab'")]
    [InlineData("{'minLength': 2}", "'a'", "/: must NOT have fewer than 2 characters")]
    [InlineData("{'minLength': 2}", "'😀'", "/: must NOT have fewer than 2 characters")]
    [InlineData("{'maxLength': 2}", "'😀😀'")]
    [InlineData("{'maxLength': 2}", "'abc'", "/: must NOT have more than 2 characters")]
    [InlineData("{'maxLength': 1}", "'\\ud83d\\ude00'")]
    [InlineData("{'maxLength': 1}", "'\\n\\t'", "/: must NOT have more than 1 characters")]
    [InlineData("{'minLength': 1}", "5")]
    [InlineData("{'pattern': '^a+$'}", "'aaa'")]
    [InlineData("{'pattern': '^a+$'}", "'aab'", "/: must match pattern \"^a+$\"")]
    [InlineData("{'pattern': 'b'}", "'abc'")]
    [InlineData("{'pattern': '^\\\\d+$'}", "'١٢'", "/: must match pattern \"^\\d+$\"")]
    [InlineData("{'format': 'email'}", "'a.b@example.com'")]
    [InlineData("{'format': 'email'}", "'a@b'", "/: must match format \"email\"")]
    [InlineData("{'format': 'no-such-format'}", "'anything'")]
    [InlineData("{'format': 'email'}", "5")]
    // arrays
    [InlineData("{'items': {'type': 'integer'}}", "[1, 2, 'x', 4.5]", "/2: must be integer", "/3: must be integer")]
    [InlineData("{'items': [{'type': 'string'}, {'type': 'integer'}]}", "['a', 1, true]")]
    [InlineData("{'items': [{'type': 'string'}], 'additionalItems': false}", "['a', 1]", "/: must NOT have more than 1 items")]
    [InlineData("{'items': [{'type': 'string'}], 'additionalItems': {'type': 'integer'}}", "['a', 1, 'b']", "/2: must be integer")]
    [InlineData("{'additionalItems': false}", "[1, 2]")]
    [InlineData("{'minItems': 1}", "[]", "/: must NOT have fewer than 1 items")]
    [InlineData("{'maxItems': 1}", "[1, 2]", "/: must NOT have more than 1 items")]
    [InlineData("{'uniqueItems': true}", "[1, '1', {'a': 1}, {'a': 2}]")]
    [InlineData("{'uniqueItems': true}", "[1, 2, 1.0]", "/: must NOT have duplicate items (items ## 0 and 2 are identical)")]
    [InlineData("{'uniqueItems': true}", "[{'a': 1, 'b': 2}, {'b': 2, 'a': 1}]", "/: must NOT have duplicate items (items ## 0 and 1 are identical)")]
    [InlineData("{'uniqueItems': true, 'items': {'type': 'integer'}}", "[1, 2, 1, 2]", "/: must NOT have duplicate items (items ## 3 and 1 are identical)")]
    [InlineData("{'uniqueItems': true}", "[1, 2, 1, 2]", "/: must NOT have duplicate items (items ## 1 and 3 are identical)")]
    [InlineData("{'uniqueItems': false}", "[1, 1]")]
    [InlineData("{'contains': {'type': 'string'}}", "[1, 'a']")]
    [InlineData("{'contains': {'type': 'string'}}", "[1, 2]", "/: must contain at least 1 valid item(s)")]
    // objects
    [InlineData("{'required': ['a', 'b']}", "{'a': 1}", "/: must have required property 'b'")]
    [InlineData("{'required': ['a', 'b']}", "{}", "/: must have required property 'a'", "/: must have required property 'b'")]
    [InlineData("{'required': ['a']}", "[]")]
    [InlineData("{'properties': {'a': {'type': 'string'}}}", "{'a': 1, 'b': 2}", "/a: must be string")]
    [InlineData("{'properties': {'a/b': {'type': 'string'}, 'c~d': {'type': 'string'}}}", "{'a/b': 1, 'c~d': 2}", "/a~1b: must be string", "/c~0d: must be string")]
    [InlineData("{'properties': {'a': {}}, 'additionalProperties': false}", "{'a': 1, 'b': 2, 'c': 3}", "/: must NOT have additional properties", "/: must NOT have additional properties")]
    [InlineData("{'additionalProperties': {'type': 'integer'}}", "{'a': 1, 'b': 'x'}", "/b: must be integer")]
    [InlineData("{'patternProperties': {'^x-': {'type': 'string'}}, 'additionalProperties': false}", "{'x-a': 's', 'x-b': 1, 'y': 1}", "/: must NOT have additional properties", "/x-b: must be string")]
    [InlineData("{'minProperties': 1}", "{}", "/: must NOT have fewer than 1 properties")]
    [InlineData("{'maxProperties': 1}", "{'a': 1, 'b': 2}", "/: must NOT have more than 1 properties")]
    [InlineData("{'dependencies': {'a': ['b', 'c']}}", "{'a': 1, 'c': 1}", "/: must have properties b, c when property a is present")]
    [InlineData("{'dependencies': {'a': ['b']}}", "{'c': 1}")]
    [InlineData("{'dependencies': {'a': {'required': ['b']}}}", "{'a': 1}", "/: must have required property 'b'")]
    [InlineData("{'propertyNames': {'maxLength': 3}}", "{'abc': 1, 'abcd': 2}", "/: property name must be valid")]
    // combinators
    [InlineData("{'allOf': [{'type': 'integer'}, {'minimum': 5}]}", "2.5", "/: must be >= 5", "/: must be integer")]
    [InlineData("{'anyOf': [{'type': 'string'}, {'type': 'integer'}]}", "1")]
    [InlineData("{'anyOf': [{'type': 'string'}, {'type': 'integer'}]}", "1.5", "/: must match a schema in anyOf")]
    [InlineData("{'properties': {'a': {'anyOf': [{'type': 'string'}, {'minimum': 3}]}}}", "{'a': 1}", "/a: must match a schema in anyOf")]
    [InlineData("{'oneOf': [{'type': 'integer'}, {'minimum': 3}]}", "2")]
    [InlineData("{'oneOf': [{'type': 'integer'}, {'minimum': 3}]}", "4", "/: must match exactly one schema in oneOf")]
    [InlineData("{'oneOf': [{'type': 'integer'}, {'minimum': 3}]}", "1.5", "/: must match exactly one schema in oneOf")]
    [InlineData("{'not': {'type': 'string'}}", "1")]
    [InlineData("{'not': {'type': 'string'}}", "'a'", "/: must NOT be valid")]
    [InlineData("{'if': {'type': 'string'}, 'then': {'minLength': 2}, 'else': {'minimum': 0}}", "'a'", "/: must NOT have fewer than 2 characters", "/: must match \"then\" schema")]
    [InlineData("{'if': {'type': 'string'}, 'then': {'minLength': 2}, 'else': {'minimum': 0}}", "-1", "/: must be >= 0", "/: must match \"else\" schema")]
    [InlineData("{'if': {'type': 'string'}, 'then': {'minLength': 2}}", "-1")]
    // all errors at once, across levels
    [InlineData("{'type': 'string', 'enum': ['a']}", "5", "/: must be equal to one of the allowed values", "/: must be string")]
    [InlineData("{'type': 'string', 'minimum': 5}", "3", "/: must be >= 5", "/: must be string")]
    [InlineData("{'items': {'properties': {'n': {'type': 'integer'}}, 'required': ['n']}}", "[{'n': 1}, {}, {'n': 'x'}]", "/1: must have required property 'n'", "/2/n: must be integer")]
    // unknown keywords are ignored
    [InlineData("{'x-extension': {'type': 'string'}, 'description': 'd', 'title': 't', 'example': 1}", "1")]
    public void Keyword_Instance_Violations(string schema, string instance, params string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), Violations(schema, instance));
    }

    [Theory]
    [InlineData("{" + Draft2020 + "'prefixItems': [{'type': 'string'}], 'items': {'type': 'integer'}}", "['a', 1, 'b']", "/2: must be integer")]
    [InlineData("{" + Draft2020 + "'prefixItems': [{'type': 'string'}], 'items': false}", "['a', 1]", "/: must NOT have more than 1 items")]
    [InlineData("{" + Draft2020 + "'items': false}", "[1]", "/0: boolean schema is false")]
    [InlineData("{" + Draft2020 + "'items': false}", "[]")]
    [InlineData("{" + Draft2020 + "'properties': {'a': false, 'b': true}}", "{'a': 1, 'b': 2}", "/a: boolean schema is false")]
    [InlineData("{" + Draft2020 + "'additionalProperties': false}", "{'a': 1}", "/: must NOT have additional properties")]
    [InlineData("{" + Draft2020 + "'contains': {'type': 'string'}, 'minContains': 2, 'maxContains': 3}", "['a', 1]", "/: must contain at least 2 and no more than 3 valid item(s)")]
    [InlineData("{" + Draft2020 + "'contains': {'type': 'string'}, 'minContains': 2, 'maxContains': 3}", "['a', 'b', 'c', 'd']", "/: must contain at least 2 and no more than 3 valid item(s)")]
    [InlineData("{" + Draft2020 + "'contains': {'type': 'string'}, 'minContains': 0}", "[1]")]
    [InlineData("{" + Draft2020 + "'dependentRequired': {'a': ['b']}}", "{'a': 1}", "/: must have property b when property a is present")]
    [InlineData("{" + Draft2020 + "'dependentSchemas': {'a': {'maxProperties': 1}}}", "{'a': 1, 'b': 2}", "/: must NOT have more than 1 properties")]
    [InlineData("{" + Draft2020 + "'exclusiveMinimum': 0}", "0", "/: must be > 0")]
    [InlineData("{" + Draft2020 + "'exclusiveMaximum': 10, 'minimum': 5}", "10", "/: must be < 10")]
    [InlineData("{" + Draft2020 + "'not': true}", "1", "/: must NOT be valid")]
    [InlineData("{" + Draft2020 + "'anyOf': [false, {'type': 'string'}]}", "'x'")]
    public void Keyword2020_Instance_Violations(string schema, string instance, params string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), Violations(schema, instance));
    }

    [Theory]
    [InlineData("true", "{'anything': [1]}")]
    [InlineData("false", "1", "/: boolean schema is false")]
    public void BooleanRootSchema2020_Instance_Violations(string schema, string instance, params string[] expected)
    {
        // A boolean root has no $schema, so these go through a wrapper that names 2020-12 and refers to it.
        var wrapped = "{" + Draft2020 + "'$ref': '#/$defs/root', '$defs': {'root': " + schema + "}}";
        Assert.Equal(expected, Violations(wrapped, instance));
    }

    [Fact]
    public void Validate_MaxErrors_StopsAtTheLimit()
    {
        var schema = Compile("{'items': {'type': 'string'}}");

        Assert.Equal(["/0: must be string", "/1: must be string"], Violations(schema, "[1, 2, 3, 4]", maxErrors: 2));
        Assert.Equal(4, Violations(schema, "[1, 2, 3, 4]").Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => Violations(schema, "[1]", maxErrors: 0));
    }

    [Fact]
    public void Validate_ValidInstance_SharesTheValidResult()
    {
        var schema = Compile("{'type': 'object', 'properties': {'a': {'type': 'string'}}}");
        using var document = System.Text.Json.JsonDocument.Parse("{\"a\": \"x\"}");

        var result = schema.Validate(document.RootElement);

        Assert.True(result.IsValid);
        Assert.Same(Platform.Definitions.Schemas.SchemaValidationResult.Valid, result);
    }
}
