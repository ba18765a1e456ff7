using Platform.Definitions.Waf;
using Platform.Gateway.Waf.Detection;

namespace Platform.Gateway.Waf.Matching;

/// <summary>
/// <c>sqliMatch</c> / <c>xssMatch</c>: one of the fields looks like an attack to <see cref="SqlInjectionDetector"/> or
/// <see cref="CrossSiteScriptingDetector"/>. The query string is inspected one argument at a time (name, then
/// value), so values are judged on their own and not glued to their neighbours.
/// </summary>
internal sealed class DetectorMatcher(IReadOnlyList<FieldToMatch> fields, OversizeHandling oversize, bool sqlInjection) : WafMatcher
{
    private static readonly WafRequest.ValueTest<int> Sqli = static (value, _) => SqlInjectionDetector.IsInjection(value);
    private static readonly WafRequest.ValueTest<int> Xss = static (value, _) => CrossSiteScriptingDetector.IsAttack(value);

    private readonly FieldToMatch[] _fields = [.. fields];
    private readonly WafRequest.ValueTest<int> _test = sqlInjection ? Sqli : Xss;

    public override bool ReadsBody => _fields.Any(static f => f.Kind == FieldToMatchKind.Body);

    public override bool Matches(WafRequest request)
    {
        foreach (var field in _fields)
        {
            if (request.AnyValue(field, splitQuery: true, oversize, _test, 0))
            {
                return true;
            }
        }

        return false;
    }
}
