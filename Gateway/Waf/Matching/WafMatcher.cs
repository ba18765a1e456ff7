namespace Platform.Gateway.Waf.Matching;

/// <summary>A compiled statement: built once per definition snapshot, asked once per request (and per enclosing combinator).</summary>
internal abstract class WafMatcher
{
    public abstract bool Matches(WafRequest request);

    /// <summary>Whether the statement reads the body, which the WAF then buffers (its first 8 KB) before evaluating.</summary>
    public virtual bool ReadsBody => false;
}
