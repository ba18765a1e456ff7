namespace Platform.Definitions.Waf;

/// <summary>The parts of a request a statement inspects (AWS WAF's <c>FieldToMatch</c> names).</summary>
public enum FieldToMatchKind
{
    QueryString,
    Body,
    AllHeaders,
    UriPath,
    SingleHeader,
    SingleQueryArgument,
    Method,
}
