using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Definitions;
using Platform.Gateway.Runtime;
using Platform.Gateway.Waf;
using Platform.Gateway.Waf.Rate;

namespace Platform.Gateway.Tests.Waf;

/// <summary>
/// One web ACL loaded from definition text exactly as the gateway loads it (<see cref="DefinitionLoader"/>, then
/// <see cref="CompiledGateway"/>), evaluated over requests built on <see cref="DefaultHttpContext"/>: the statement
/// tables run without a server. <see cref="Evaluate"/> answers the terminating rule's name (or <c>Default_Action</c>)
/// and every matching rule.
/// </summary>
internal sealed class AclHarness
{
    private readonly CompiledWebAcl _acl;
    private readonly WafRateLimiter _rates;

    public AclHarness(string definitions, TimeProvider? clock = null)
    {
        var loaded = DefinitionLoader.LoadText([("waf.json", definitions)]);
        Assert.True(loaded.Errors.Count == 0, string.Join('\n', loaded.Errors.Select(static e => $"{e.Key}: {e.Message}")));
        _acl = new CompiledGateway(loaded.Definition!, 1).WebAcls["guard"];
        var meters = new ServiceCollectionMeterFactory();
        _rates = new WafRateLimiter(Microsoft.Extensions.Options.Options.Create(new WafOptions()), clock ?? TimeProvider.System, new WafTelemetry(meters),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WafRateLimiter>.Instance);
    }

    /// <summary>An ACL <c>guard</c> with <paramref name="statement"/> as its one rule <c>r</c> (BLOCK), for matcher tables.</summary>
    public static AclHarness ForStatement(string statement, string aclExtras = "", string ipSets = "{}") =>
        new(WafApis.With($"[{WafApis.Rule("r", 0, "BLOCK", statement)}]", aclExtras: aclExtras, ipSets: ipSets));

    public bool Matches(Action<HttpContext> request, string? body = null, IPAddress? source = null) =>
        Evaluate(request, body, source).Terminating == "r";

    public (string Terminating, IReadOnlyList<string> Matched) Evaluate(Action<HttpContext> request, string? body = null, IPAddress? source = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/items";
        context.Connection.RemoteIpAddress = source ?? IPAddress.Loopback;
        request(context);
        var view = new WafRequest(context, context.Request.Path.ToUriComponent(), Platform.Definitions.Waf.IpAddressKey.Of(context.Connection.RemoteIpAddress!), _rates, _acl.Geo);
        if (body is not null)
        {
            var limit = Platform.Definitions.Waf.FieldToMatch.BodyInspectionLimit;
            var bytes = Encoding.UTF8.GetByteCount(body);
            view.Body = body.AsMemory(0, Math.Min(body.Length, limit));
            view.BodySize = bytes;
            view.BodyOversize = bytes > limit;
        }

        List<CompiledWafRule>? matched = null;
        var terminating = _acl.Evaluate(view, ref matched);
        return (terminating?.Name ?? WafTelemetry.DefaultActionRule, matched?.ConvertAll(static r => r.Name) ?? []);
    }

    /// <summary>A meter factory for instruments nobody listens to.</summary>
    private sealed class ServiceCollectionMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
