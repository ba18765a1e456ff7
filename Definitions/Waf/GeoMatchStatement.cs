namespace Platform.Definitions.Waf;

/// <summary><c>{"geoMatch": {"countryCodes": ["XX"]}}</c>: the request's country (ISO 3166-1 alpha-2, from the ACL's <see cref="GeoSource"/>) is one of these.</summary>
public sealed record GeoMatchStatement : WafStatement
{
    public required IReadOnlyList<string> CountryCodes { get; init; }
}
