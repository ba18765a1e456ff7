using Platform.Gateway.Waf.Detection;

namespace Platform.Gateway.Waf;

/// <summary>The process's remembered detector verdicts (<see cref="DetectionCache"/>), one per detector.</summary>
internal sealed class WafVerdicts
{
    public DetectionCache Sqli { get; } = DetectionCache.ForSqlInjection();

    public DetectionCache Xss { get; } = DetectionCache.ForCrossSiteScripting();
}
