namespace Platform.Gateway.Waf.Matching;

// The three combinators are one-liners of one idea; a file each would only scatter them.

/// <summary><c>and</c>: every statement matches, stopping at the first that does not.</summary>
internal sealed class AndMatcher(IReadOnlyList<WafMatcher> matchers) : WafMatcher
{
    private readonly WafMatcher[] _matchers = [.. matchers];

    public override bool ReadsBody => _matchers.Any(static m => m.ReadsBody);

    public override bool Matches(WafRequest request)
    {
        foreach (var matcher in _matchers)
        {
            if (!matcher.Matches(request))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>or</c>: some statement matches, stopping at the first that does.</summary>
internal sealed class OrMatcher(IReadOnlyList<WafMatcher> matchers) : WafMatcher
{
    private readonly WafMatcher[] _matchers = [.. matchers];

    public override bool ReadsBody => _matchers.Any(static m => m.ReadsBody);

    public override bool Matches(WafRequest request)
    {
        foreach (var matcher in _matchers)
        {
            if (matcher.Matches(request))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>not</c>: the statement does not match.</summary>
internal sealed class NotMatcher(WafMatcher matcher) : WafMatcher
{
    public override bool ReadsBody => matcher.ReadsBody;

    public override bool Matches(WafRequest request) => !matcher.Matches(request);
}
