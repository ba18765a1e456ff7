namespace Platform.Gateway.Waf.Matching;

/// <summary><c>geoMatch</c>: the request's country (<see cref="WafRequest.Country"/>) is one of the codes; a request of unknown country matches none.</summary>
internal sealed class GeoMatcher(IReadOnlyList<string> countryCodes) : WafMatcher
{
    private readonly HashSet<string> _codes = new(countryCodes, StringComparer.OrdinalIgnoreCase);

    public override bool Matches(WafRequest request) => request.Country is { } country && _codes.Contains(country);
}
