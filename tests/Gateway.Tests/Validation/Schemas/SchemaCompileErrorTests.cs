using static Platform.Gateway.Tests.Validation.Schemas.SchemaTesting;

namespace Platform.Gateway.Tests.Validation.Schemas;

/// <summary>Problems in schemas themselves: each reported with its JSON pointer in the schema, all of them at once.</summary>
public sealed class SchemaCompileErrorTests
{
    private const string Draft2020 = "'$schema': 'https://json-schema.org/draft/2020-12/schema', ";

    [Theory]
    [InlineData("{'type': 'strin'}", "/type", "\"strin\" is not a JSON Schema type")]
    [InlineData("{'type': ['string', 5]}", "/type/1", "5 is not a JSON Schema type")]
    [InlineData("{'type': ['string', 'string']}", "/type/1", "listed twice")]
    [InlineData("{'type': []}", "/type", "non-empty array")]
    [InlineData("{'type': 5}", "/type", "type name")]
    [InlineData("{'properties': {'age': {'minimum': '0'}}}", "/properties/age/minimum", "must be a number")]
    [InlineData("{'maximum': true}", "/maximum", "must be a number")]
    [InlineData("{'minLength': -1}", "/minLength", "non-negative integer")]
    [InlineData("{'maxLength': 1.5}", "/maxLength", "non-negative integer")]
    [InlineData("{'minItems': '1'}", "/minItems", "must be a number")]
    [InlineData("{'maxProperties': -2}", "/maxProperties", "non-negative integer")]
    [InlineData("{'multipleOf': 0}", "/multipleOf", "greater than 0")]
    [InlineData("{'multipleOf': -2}", "/multipleOf", "greater than 0")]
    [InlineData("{'pattern': '(unclosed'}", "/pattern", "regular expression")]
    [InlineData("{'pattern': 5}", "/pattern", "must be a string")]
    [InlineData("{'pattern': '\\\\-'}", "/pattern", "Invalid escape")]
    [InlineData("{'pattern': '(?i)abc'}", "/pattern", "Invalid group")]
    [InlineData("{'pattern': '[😀]'}", "/pattern", "Basic Multilingual Plane")]
    [InlineData("{'pattern': '\\\\p{Script=Greek}'}", "/pattern", "not supported")]
    [InlineData("{'patternProperties': {'(': {}}}", "/patternProperties/(", "regular expression")]
    [InlineData("{'format': 5}", "/format", "must be a string")]
    [InlineData("{'enum': 'a'}", "/enum", "must be an array")]
    [InlineData("{'enum': []}", "/enum", "must not be empty")]
    [InlineData("{'enum': ['a', 1, 1.0]}", "/enum/2", "repeats")]
    [InlineData("{'required': []}", "/required", "non-empty array")]
    [InlineData("{'required': ['a', 'a']}", "/required/1", "repeats \"a\"")]
    [InlineData("{'required': [1]}", "/required/0", "must be a string")]
    [InlineData("{'required': 'a'}", "/required", "array of property names")]
    [InlineData("{'properties': []}", "/properties", "must be an object")]
    [InlineData("{'properties': {'a': 5}}", "/properties/a", "must be a schema")]
    [InlineData("{'properties': {'a': true}}", "/properties/a", "must be a schema (an object)")]
    [InlineData("{'items': true}", "/items", "must be a schema (an object)")]
    [InlineData("{'items': []}", "/items", "non-empty array of schemas")]
    [InlineData("{'additionalProperties': 'no'}", "/additionalProperties", "must be a schema")]
    [InlineData("{'additionalItems': 1, 'items': [{}]}", "/additionalItems", "must be a schema")]
    [InlineData("{'uniqueItems': 'yes'}", "/uniqueItems", "must be a boolean")]
    [InlineData("{'allOf': []}", "/allOf", "non-empty array of schemas")]
    [InlineData("{'anyOf': {}}", "/anyOf", "non-empty array of schemas")]
    [InlineData("{'oneOf': [{}, 3]}", "/oneOf/1", "must be a schema")]
    [InlineData("{'not': 'x'}", "/not", "must be a schema")]
    [InlineData("{'exclusiveMinimum': true}", "/exclusiveMinimum", "can only be used with minimum")]
    [InlineData("{'maximum': 5, 'exclusiveMaximum': 4}", "/exclusiveMaximum", "must be a boolean (draft-04)")]
    [InlineData("{'dependencies': {'a': 'b'}}", "/dependencies/a", "must be a schema")]
    [InlineData("{'definitions': {'x': {'type': 'nope'}}}", "/definitions/x/type", "is not a JSON Schema type")]
    [InlineData("{'definitions': []}", "/definitions", "object of schemas")]
    [InlineData("{'$ref': '#/definitions/missing'}", "/$ref", "does not resolve")]
    [InlineData("{'$ref': 'http://example.com/schema.json'}", "/$ref", "remote $ref")]
    [InlineData("{'$ref': 'other.json#/definitions/a'}", "/$ref", "remote $ref")]
    [InlineData("{'$ref': '#anchor'}", "/$ref", "anchor")]
    [InlineData("{'$ref': 5}", "/$ref", "must be a string")]
    [InlineData("{'$ref': '#/type', 'type': 'string'}", "/$ref", "not a schema")]
    [InlineData("{'$ref': '#'}", "/$ref", "cycle")]
    [InlineData("{'definitions': {'a': {'$ref': '#/definitions/b'}, 'b': {'$ref': '#/definitions/a'}}}", "/definitions/", "cycle")]
    [InlineData("{'allOf': [{'$ref': '#'}]}", "/allOf/0/$ref", "cycle")]
    [InlineData("{'properties': {'x': {'id': 'http://example.com/x'}}}", "/properties/x/id", "not supported")]
    [InlineData("{'$schema': 'http://json-schema.org/draft-07/schema#'}", "/$schema", "unsupported dialect")]
    [InlineData("{'$schema': 4}", "/$schema", "unsupported dialect")]
    [InlineData("true", "", "draft-04 has no boolean schemas")]
    [InlineData("5", "", "draft-04 has no boolean schemas")]
    [InlineData("{" + Draft2020 + "'exclusiveMinimum': true}", "/exclusiveMinimum", "must be a number")]
    [InlineData("{" + Draft2020 + "'items': [{}]}", "/items", "must be a schema (an object or a boolean)")]
    [InlineData("{" + Draft2020 + "'prefixItems': []}", "/prefixItems", "non-empty array of schemas")]
    [InlineData("{" + Draft2020 + "'unevaluatedProperties': false}", "/unevaluatedProperties", "not supported")]
    [InlineData("{" + Draft2020 + "'$defs': {'a': {'$anchor': 'a'}}}", "/$defs/a/$anchor", "not supported")]
    [InlineData("{" + Draft2020 + "'properties': {'a': {'$id': 'x'}}}", "/properties/a/$id", "not supported")]
    [InlineData("{" + Draft2020 + "'minContains': -1, 'contains': {}}", "/minContains", "non-negative integer")]
    [InlineData("{" + Draft2020 + "'dependentRequired': {'a': 'b'}}", "/dependentRequired/a", "array of property names")]
    public void TryCompile_InvalidSchema_ReportsPathAndMessage(string schema, string path, string message)
    {
        var errors = CompileErrors(schema);

        Assert.Contains(errors, error => error.Path.StartsWith(path, StringComparison.Ordinal) && error.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_SeveralProblems_ReportsEveryOne()
    {
        var errors = CompileErrors("{'properties': {'age': {'type': 'integr', 'minimum': 'x'}, 'name': {'pattern': '['}}, 'required': [1], 'items': {'$ref': '#/nowhere'}}");

        Assert.Equal(
            ["/items/$ref", "/properties/age/minimum", "/properties/age/type", "/properties/name/pattern", "/required/0"],
            errors.Select(error => error.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryCompile_Draft04RefSiblings_AreIgnoredButStillChecked()
    {
        var errors = CompileErrors("{'definitions': {'a': {}}, 'properties': {'x': {'$ref': '#/definitions/a', 'minLength': -1}}}");

        Assert.Equal("/properties/x/minLength", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData("{'enum': ['a', 'a']}")]
    [InlineData("{'enum': []}")]
    [InlineData("{'required': []}")]
    [InlineData("{'items': true, 'properties': {'a': false}, 'not': true}")]
    public void TryCompile_Draft04OnlyRestrictions_Allowed2020(string schema)
    {
        CompileErrors(schema);
        Compile("{" + Draft2020 + schema[1..]);
    }

    [Theory]
    [InlineData("{'x-unknown': 5, 'format': 'not-a-format', 'title': 3}")]
    [InlineData("{'$schema': 'http://json-schema.org/draft-04/schema#', '$id': 'ignored', 'id': 'http://example.com/root'}")]
    [InlineData("{'$schema': 'http://json-schema.org/draft-04/schema'}")]
    [InlineData("{'$schema': 'https://json-schema.org/draft/2020-12/schema#', '$id': 'https://example.com/root'}")]
    [InlineData("{'definitions': {'node': {'properties': {'next': {'$ref': '#/definitions/node'}}}}, '$ref': '#/definitions/node'}")]
    [InlineData("{'unevaluatedProperties': 5}")]
    public void TryCompile_AcceptableSchema_Compiles(string schema)
    {
        Compile(schema);
    }
}
