using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Gateway.Observability;

namespace Platform.Gateway.Waf;

/// <summary>
/// The WAF's instruments, on the gateway's meter (<see cref="GatewayTelemetry.Name"/>): rule matches by action
/// (as AWS WAF's MatchedRequests/CountedRequests), blocked requests by terminating rule (<c>Default_Action</c> when
/// the default action blocked), and the rate-based rules' housekeeping. Tagged by API, stage, ACL and rule — never by
/// address.
/// </summary>
internal sealed class WafTelemetry
{
    /// <summary>The rule tag of a request the ACL's default action decided, as AWS WAF names it.</summary>
    public const string DefaultActionRule = "Default_Action";

    private readonly Counter<long> _matches;
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _syncFailures;
    private readonly Counter<long> _untracked;

    public WafTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        _matches = meter.CreateCounter<long>("apigateway.waf.matches", "{request}",
            "Requests a web ACL rule matched, tagged by the rule's action (BLOCK, ALLOW, COUNT).");
        _blocked = meter.CreateCounter<long>("apigateway.waf.blocked", "{request}",
            "Requests a web ACL blocked, tagged by the terminating rule (Default_Action for the default action).");
        _syncFailures = meter.CreateCounter<long>("apigateway.waf.rate.sync_failures", "{sync}",
            "Syncs of rate-based counts with Redis that failed; counting went on locally.");
        _untracked = meter.CreateCounter<long>("apigateway.waf.rate.untracked", "{request}",
            "Requests a rate-based rule did not count because the address table was full.");
    }

    public void RecordMatch(string api, string stage, string acl, string rule, string action)
    {
        var tags = new TagList { { "api", api }, { "stage", stage }, { "acl", acl }, { "rule", rule }, { "action", action } };
        _matches.Add(1, tags);
    }

    public void RecordBlocked(string api, string stage, string acl, string rule)
    {
        var tags = new TagList { { "api", api }, { "stage", stage }, { "acl", acl }, { "rule", rule } };
        _blocked.Add(1, tags);
    }

    public void RecordSyncFailure() => _syncFailures.Add(1);

    public void RecordUntracked(string acl, string rule)
    {
        var tags = new TagList { { "acl", acl }, { "rule", rule } };
        _untracked.Add(1, tags);
    }
}
