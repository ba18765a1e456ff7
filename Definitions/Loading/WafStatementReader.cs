using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Definitions.Waf;

namespace Platform.Definitions.Loading;

/// <summary>
/// Reads one statement of a web ACL rule: an object with exactly one property naming its type (<c>ipSet</c>,
/// <c>sqliMatch</c>, <c>xssMatch</c>, <c>rateBased</c>, <c>sizeConstraint</c>, <c>geoMatch</c>, <c>byteMatch</c>,
/// <c>regexMatch</c>, <c>and</c>, <c>or</c>, <c>not</c>), reporting every error with its key. IP set names and geo
/// matches are collected in the <see cref="WafStatementContext"/> for the checks that need the whole ACL or every file.
/// </summary>
internal static class WafStatementReader
{
    public const string IpSet = "ipSet";
    public const string SqliMatch = "sqliMatch";
    public const string XssMatch = "xssMatch";
    public const string RateBased = "rateBased";
    public const string SizeConstraint = "sizeConstraint";
    public const string GeoMatch = "geoMatch";
    public const string ByteMatch = "byteMatch";
    public const string RegexMatch = "regexMatch";
    public const string And = "and";
    public const string Or = "or";
    public const string Not = "not";

    private const string FieldsToMatch = "fieldsToMatch";
    private const string FieldToMatch = "fieldToMatch";
    private const string OversizeHandlingName = "oversizeHandling";
    private const string Limit = "limit";
    private const string EvaluationWindowSec = "evaluationWindowSec";
    private const string ComparisonOperatorName = "comparisonOperator";
    private const string Size = "size";
    private const string CountryCodes = "countryCodes";
    private const string PositionalConstraintName = "positionalConstraint";
    private const string SearchString = "searchString";
    private const string CaseSensitive = "caseSensitive";
    private const string TextTransformations = "textTransformations";
    private const string RegexName = "regex";

    /// <summary>Longest search string or pattern: what the WAF inspects of a field.</summary>
    private const int MaxPatternLength = 8192;

    private static readonly string[] Types = [IpSet, SqliMatch, XssMatch, RateBased, SizeConstraint, GeoMatch, ByteMatch, RegexMatch, And, Or, Not];
    private static readonly string[] OfInspection = [FieldsToMatch, OversizeHandlingName];
    private static readonly string[] OfRateBased = [Limit, EvaluationWindowSec];
    private static readonly string[] OfSizeConstraint = [FieldToMatch, ComparisonOperatorName, Size];
    private static readonly string[] OfGeoMatch = [CountryCodes];
    private static readonly string[] OfByteMatch = [FieldToMatch, PositionalConstraintName, SearchString, CaseSensitive, TextTransformations, OversizeHandlingName];
    private static readonly string[] OfRegexMatch = [FieldToMatch, RegexName, TextTransformations, OversizeHandlingName];

    /// <summary>The statement, or null when it had errors (reported).</summary>
    /// <param name="topLevel">False inside <c>and</c>/<c>or</c>/<c>not</c>, where a rate-based statement has no meaning.</param>
    public static WafStatement? Read(JsonElement element, string file, string key, WafStatementContext context, ICollection<DefinitionError> errors, bool topLevel)
    {
        if (JsonObjectReader.Open(element, file, key, Types, errors) is not { } reader)
        {
            return null;
        }

        if (reader.Present.Count != 1)
        {
            // An object of unknown properties only has had each of them reported already.
            if (reader.Present.Count > 0 || element.EnumerateObject().Any() is false)
            {
                var found = reader.Present.Count == 0 ? "none" : string.Join(", ", Types.Where(reader.Present.Contains));
                errors.Add(new DefinitionError(file, key, $"a statement has exactly one of: {string.Join(", ", Types)}; this one has {found}"));
            }

            return null;
        }

        var type = reader.Present.Single();
        var before = errors.Count;
        var statement = type switch
        {
            IpSet => ReadIpSet(reader, context, errors),
            SqliMatch or XssMatch => ReadInspection(reader, type, errors),
            RateBased => ReadRateBased(reader, topLevel, errors),
            SizeConstraint => ReadSizeConstraint(reader, errors),
            GeoMatch => ReadGeoMatch(reader, context, errors),
            ByteMatch => ReadByteMatch(reader, errors),
            RegexMatch => ReadRegexMatch(reader, errors),
            And or Or => ReadList(reader, type, context, errors),
            _ => Read(reader.Raw(Not)!.Value, file, reader.KeyOf(Not), context, errors, topLevel: false) is { } inner ? new NotStatement(inner) : null,
        };
        return errors.Count == before ? statement : null;
    }

    private static IpSetStatement? ReadIpSet(JsonObjectReader reader, WafStatementContext context, ICollection<DefinitionError> errors)
    {
        switch (reader.String(IpSet))
        {
            case { Length: > 0 } name:
                context.IpSetReferences.Add((name, reader.KeyOf(IpSet)));
                return new IpSetStatement(name);
            case "":
                errors.Add(Error(reader, IpSet, "ipSet must name an IP set declared under \"ipSets\""));
                return null;
            default:
                return null;
        }
    }

    private static WafStatement? ReadInspection(JsonObjectReader reader, string type, ICollection<DefinitionError> errors)
    {
        if (reader.Object(type, OfInspection) is not { } inner)
        {
            return null;
        }

        var fields = ReadFields(inner, errors);
        var oversize = ReadName(inner, OversizeHandlingName, WafNames.OversizeHandlings, required: false, errors);
        if (fields is null)
        {
            return null;
        }

        return type == SqliMatch
            ? new SqliMatchStatement { FieldsToMatch = fields, OversizeHandling = oversize }
            : new XssMatchStatement { FieldsToMatch = fields, OversizeHandling = oversize };
    }

    private static RateBasedStatement? ReadRateBased(JsonObjectReader reader, bool topLevel, ICollection<DefinitionError> errors)
    {
        if (!topLevel)
        {
            errors.Add(Error(reader, RateBased, "rateBased counts the requests reaching its rule: make it a rule's statement, not part of and/or/not"));
        }

        if (reader.Object(RateBased, OfRateBased) is not { } inner)
        {
            return null;
        }

        var limit = inner.Long(Limit);
        if (limit is null && !inner.Invalid.Contains(Limit))
        {
            errors.Add(Missing(inner, $"limit is required: requests per source address in the window, {RateBasedStatement.MinLimit} to {RateBasedStatement.MaxLimit}"));
        }
        else if (limit is < RateBasedStatement.MinLimit or > RateBasedStatement.MaxLimit)
        {
            errors.Add(Error(inner, Limit, $"limit must be from {RateBasedStatement.MinLimit} to {RateBasedStatement.MaxLimit} (AWS's bounds), not {limit}"));
        }

        var window = inner.Integer(EvaluationWindowSec);
        if (window is { } seconds && !RateBasedStatement.Windows.Contains(seconds))
        {
            errors.Add(Error(inner, EvaluationWindowSec, $"evaluationWindowSec must be one of {string.Join(", ", RateBasedStatement.Windows)}, not {seconds}"));
        }

        return limit is { } value ? new RateBasedStatement { Limit = value, EvaluationWindowSec = window ?? RateBasedStatement.DefaultWindow } : null;
    }

    private static SizeConstraintStatement? ReadSizeConstraint(JsonObjectReader reader, ICollection<DefinitionError> errors)
    {
        if (reader.Object(SizeConstraint, OfSizeConstraint) is not { } inner)
        {
            return null;
        }

        var field = ReadField(inner, errors);
        var comparison = ReadName(inner, ComparisonOperatorName, WafNames.ComparisonOperators, required: true, errors);
        var size = inner.Long(Size);
        if (size is null && !inner.Invalid.Contains(Size))
        {
            errors.Add(Missing(inner, "size is required: a number of bytes"));
        }
        else if (size < 0)
        {
            errors.Add(Error(inner, Size, $"size must be 0 or more bytes, not {size}"));
        }

        return field is not null && size is { } bytes
            ? new SizeConstraintStatement { FieldToMatch = field, ComparisonOperator = comparison, Size = bytes }
            : null;
    }

    private static GeoMatchStatement? ReadGeoMatch(JsonObjectReader reader, WafStatementContext context, ICollection<DefinitionError> errors)
    {
        context.GeoMatchKeys.Add(reader.KeyOf(GeoMatch));
        if (reader.Object(GeoMatch, OfGeoMatch) is not { } inner)
        {
            return null;
        }

        var codes = inner.StringList(CountryCodes);
        if (codes is null)
        {
            if (!inner.Invalid.Contains(CountryCodes))
            {
                errors.Add(Missing(inner, "countryCodes is required: ISO 3166-1 alpha-2 codes, e.g. [\"DE\", \"FR\"]"));
            }

            return null;
        }

        if (codes.Count == 0)
        {
            errors.Add(Error(inner, CountryCodes, "countryCodes must not be empty"));
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i].Length != 2 || !char.IsAsciiLetterUpper(codes[i][0]) || !char.IsAsciiLetterUpper(codes[i][1]))
            {
                errors.Add(new DefinitionError(inner.File, JsonPath.Index(inner.KeyOf(CountryCodes), i),
                    $"'{codes[i]}' is not a country code: two upper-case letters (ISO 3166-1 alpha-2)"));
            }
        }

        return new GeoMatchStatement { CountryCodes = codes };
    }

    private static ByteMatchStatement? ReadByteMatch(JsonObjectReader reader, ICollection<DefinitionError> errors)
    {
        if (reader.Object(ByteMatch, OfByteMatch) is not { } inner)
        {
            return null;
        }

        var field = ReadField(inner, errors);
        var position = ReadName(inner, PositionalConstraintName, WafNames.PositionalConstraints, required: true, errors);
        var search = ReadPattern(inner, SearchString, "searchString is required: the text to find", errors);
        var caseSensitive = inner.Boolean(CaseSensitive) ?? true;
        var transformations = ReadTransformations(inner, errors);
        var oversize = ReadName(inner, OversizeHandlingName, WafNames.OversizeHandlings, required: false, errors);
        return field is not null && search is not null
            ? new ByteMatchStatement
            {
                FieldToMatch = field,
                PositionalConstraint = position,
                SearchString = search,
                CaseSensitive = caseSensitive,
                TextTransformations = transformations,
                OversizeHandling = oversize,
            }
            : null;
    }

    private static RegexMatchStatement? ReadRegexMatch(JsonObjectReader reader, ICollection<DefinitionError> errors)
    {
        if (reader.Object(RegexMatch, OfRegexMatch) is not { } inner)
        {
            return null;
        }

        var field = ReadField(inner, errors);
        var pattern = ReadPattern(inner, RegexName, "regex is required: a .NET regular expression", errors);
        var transformations = ReadTransformations(inner, errors);
        var oversize = ReadName(inner, OversizeHandlingName, WafNames.OversizeHandlings, required: false, errors);
        if (pattern is not null && CheckRegex(pattern) is { } problem)
        {
            errors.Add(Error(inner, RegexName, problem));
            return null;
        }

        return field is not null && pattern is not null
            ? new RegexMatchStatement { FieldToMatch = field, Regex = pattern, TextTransformations = transformations, OversizeHandling = oversize }
            : null;
    }

    /// <summary>Null when the pattern compiles for the non-backtracking engine the gateway matches with.</summary>
    public static string? CheckRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return null;
        }
        catch (NotSupportedException e)
        {
            return $"regex '{pattern}' cannot be matched in linear time (no backreferences, lookarounds, atomic groups or conditionals): {e.Message}";
        }
        catch (ArgumentException e)
        {
            return $"regex '{pattern}' is not a valid regular expression: {e.Message}";
        }
    }

    private static WafStatement? ReadList(JsonObjectReader reader, string type, WafStatementContext context, ICollection<DefinitionError> errors)
    {
        var key = reader.KeyOf(type);
        if (reader.Raw(type) is not { ValueKind: JsonValueKind.Array } array)
        {
            errors.Add(new DefinitionError(reader.File, key, $"{type} must be an array of two or more statements, not {JsonObjectReader.KindOf(reader.Raw(type)!.Value)}"));
            return null;
        }

        if (array.GetArrayLength() < 2)
        {
            errors.Add(new DefinitionError(reader.File, key, $"{type} needs two or more statements (a single statement needs no {type})"));
        }

        var statements = new List<WafStatement>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Read(item, reader.File, JsonPath.Index(key, index++), context, errors, topLevel: false) is { } statement)
            {
                statements.Add(statement);
            }
        }

        return type == And ? new AndStatement(statements) : new OrStatement(statements);
    }

    private static List<FieldToMatch>? ReadFields(JsonObjectReader inner, ICollection<DefinitionError> errors)
    {
        var names = inner.StringList(FieldsToMatch);
        if (names is null)
        {
            if (!inner.Invalid.Contains(FieldsToMatch))
            {
                errors.Add(Missing(inner, $"fieldsToMatch is required: some of {string.Join(", ", FieldToMatchNames.All)}"));
            }

            return null;
        }

        if (names.Count == 0)
        {
            errors.Add(Error(inner, FieldsToMatch, "fieldsToMatch must not be empty"));
        }

        var fields = new List<FieldToMatch>();
        for (var i = 0; i < names.Count; i++)
        {
            var key = JsonPath.Index(inner.KeyOf(FieldsToMatch), i);
            if (!FieldToMatchNames.TryParse(names[i], out var field, out var error))
            {
                errors.Add(new DefinitionError(inner.File, key, error));
            }
            else if (fields.Contains(field))
            {
                errors.Add(new DefinitionError(inner.File, key, $"{names[i]} is listed twice"));
            }
            else
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    private static FieldToMatch? ReadField(JsonObjectReader inner, ICollection<DefinitionError> errors)
    {
        var text = inner.String(FieldToMatch);
        if (text is null)
        {
            if (!inner.Invalid.Contains(FieldToMatch))
            {
                errors.Add(Missing(inner, $"fieldToMatch is required: one of {string.Join(", ", FieldToMatchNames.All)}"));
            }

            return null;
        }

        if (FieldToMatchNames.TryParse(text, out var field, out var error))
        {
            return field;
        }

        errors.Add(Error(inner, FieldToMatch, error));
        return null;
    }

    private static T ReadName<T>(JsonObjectReader inner, string property, IReadOnlyDictionary<string, T> names, bool required, ICollection<DefinitionError> errors)
        where T : struct
    {
        var text = inner.String(property);
        if (text is null)
        {
            if (required && !inner.Invalid.Contains(property))
            {
                errors.Add(Missing(inner, $"{property} is required: one of {string.Join(", ", names.Keys)}"));
            }

            return default;
        }

        if (WafNames.TryParse(names, text, out var value))
        {
            return value;
        }

        errors.Add(Error(inner, property, $"unknown {property} '{text}'; expected one of: {string.Join(", ", names.Keys)} (names are case-sensitive)"));
        return default;
    }

    private static string? ReadPattern(JsonObjectReader inner, string property, string missing, ICollection<DefinitionError> errors)
    {
        var text = inner.String(property);
        if (text is null)
        {
            if (!inner.Invalid.Contains(property))
            {
                errors.Add(Missing(inner, missing));
            }

            return null;
        }

        if (text.Length is 0 or > MaxPatternLength)
        {
            errors.Add(Error(inner, property, $"{property} must be 1 to {MaxPatternLength} characters long, not {text.Length}"));
            return null;
        }

        return text;
    }

    private static List<TextTransformation> ReadTransformations(JsonObjectReader inner, ICollection<DefinitionError> errors)
    {
        var names = inner.StringList(TextTransformations) ?? [];
        var transformations = new List<TextTransformation>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            if (WafNames.TryParse(WafNames.TextTransformations, names[i], out var transformation))
            {
                transformations.Add(transformation);
            }
            else
            {
                errors.Add(new DefinitionError(inner.File, JsonPath.Index(inner.KeyOf(TextTransformations), i),
                    $"unknown text transformation '{names[i]}'; expected one of: {string.Join(", ", WafNames.TextTransformations.Keys)}"));
            }
        }

        return transformations;
    }

    private static DefinitionError Error(JsonObjectReader reader, string property, string message) => new(reader.File, reader.KeyOf(property), message);

    /// <summary>An error about the object itself, such as a required property it lacks.</summary>
    private static DefinitionError Missing(JsonObjectReader reader, string message) => new(reader.File, reader.Key, message);
}
