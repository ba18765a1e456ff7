namespace Platform.Definitions.Waf;

/// <summary>
/// What a statement inspecting <c>BODY</c> does with a body longer than the 8 KB the WAF inspects: <c>CONTINUE</c>
/// inspects the first 8 KB (the default), <c>MATCH</c> treats the statement as matching, <c>NO_MATCH</c> as not.
/// </summary>
public enum OversizeHandling
{
    Continue,
    Match,
    NoMatch,
}
