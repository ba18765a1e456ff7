using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Platform.Definitions;
using Platform.Definitions.Waf;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Waf.Rate;
using Platform.Gateway.WebSockets;

namespace Platform.Gateway.Waf;

/// <summary>
/// The WAF stage of the pipeline: runs the stage's web ACL (compiled once per definition snapshot,
/// <see cref="CompiledWebAcl"/>) over the request before CORS and access control — routed or not, so probes of
/// unknown paths are inspected too. A WEBSOCKET API's requests are inspected at their <c>$connect</c> upgrade only.
/// A stage without an ACL costs one null check. The body (its first 8 KB) is read only when some statement of the ACL
/// inspects it, and replayed to the integration. Every inspected request gets a <see cref="WafOutcome"/> (access
/// log), a span <c>Waf</c>, and metrics for each matching rule; a blocked one a debug log line.
/// </summary>
internal sealed partial class WafInspector(WafRateLimiter rates, WafTelemetry telemetry, ILogger<WafInspector> logger)
{
    /// <summary>The block to answer with, or null to go on.</summary>
    public ValueTask<WafBlock?> InspectAsync(HttpContext context, GatewayRequestFeature request)
    {
        if (request.Stage?.WebAcl is not { } name || !request.Gateway.WebAcls.TryGetValue(name, out var acl)
            || (request.Api?.Protocol == ApiProtocol.WebSocket && !HubRequest.IsWebSocketUpgrade(context)))
        {
            return default;
        }

        return acl.ReadsBody && MayHaveBody(context)
            ? InspectWithBodyAsync(context, request, acl)
            : new ValueTask<WafBlock?>(Inspect(context, request, acl, Stopwatch.GetTimestamp(), null));
    }

    private async ValueTask<WafBlock?> InspectWithBodyAsync(HttpContext context, GatewayRequestFeature request, CompiledWebAcl acl)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = FieldToMatch.BodyInspectionLimit;
        var bytes = ArrayPool<byte>.Shared.Rent(limit + 1);
        var read = 0;
        var original = context.Request.Body;
        try
        {
            int count;
            while (read <= limit && (count = await original.ReadAsync(bytes.AsMemory(read, limit + 1 - read), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                read += count;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }

        // The integration reads the body from the start: what was read first, then the rest of the stream.
        var replay = new PrefixedStream(bytes, read, original);
        context.Request.Body = replay;
        context.Response.RegisterForDispose(replay);

        var inspected = Math.Min(read, limit);
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(inspected));
        try
        {
            var length = Encoding.UTF8.GetChars(bytes.AsSpan(0, inspected), chars);
            var body = new BodyView(chars.AsMemory(0, length), context.Request.ContentLength ?? read, read > limit || context.Request.ContentLength > limit);
            return Inspect(context, request, acl, started, body);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private WafBlock? Inspect(HttpContext context, GatewayRequestFeature request, CompiledWebAcl acl, long started, BodyView? body)
    {
        using var span = GatewayTelemetry.ActivitySource.StartActivity("Waf");
        var source = context.Connection.RemoteIpAddress is { } address ? IpAddressKey.Of(address) : UInt128.Zero;
        var view = new WafRequest(context, request.RequestPath, source, rates, acl.Geo);
        if (body is { } b)
        {
            view.Body = b.Text;
            view.BodySize = b.Size;
            view.BodyOversize = b.Oversize;
        }

        List<CompiledWafRule>? matched = null;
        var terminating = acl.Evaluate(view, ref matched);
        var blocked = (terminating?.Action ?? acl.DefaultAction) == WafAction.Block;
        var terminatingName = terminating?.Name ?? WafTelemetry.DefaultActionRule;
        var api = request.Api?.Name ?? "-";
        var stage = request.Stage!.Name;
        var outcome = new WafOutcome
        {
            Acl = acl.Name,
            Arn = acl.Arn,
            Blocked = blocked,
            Action = WafOutcome.ActionOf(blocked, matched is not null && terminating is null),
            TerminatingRule = terminatingName,
            MatchedRules = matched is null ? [] : matched.ConvertAll(static r => r.Name),
            Status = blocked ? acl.BlockStatusCode : 200,
            Latency = Stopwatch.GetElapsedTime(started),
        };
        request.Waf = outcome;

        if (matched is not null)
        {
            foreach (var rule in matched)
            {
                telemetry.RecordMatch(api, stage, acl.Name, rule.Name, rule.ActionName);
            }
        }

        span?.SetTag("apigateway.waf.acl", acl.Name);
        span?.SetTag("apigateway.waf.action", outcome.Action);
        span?.SetTag("apigateway.waf.terminating_rule", terminatingName);
        if (!blocked)
        {
            return null;
        }

        telemetry.RecordBlocked(api, stage, acl.Name, terminatingName);
        Log.Blocked(logger, request.RequestId, acl.Name, terminatingName, api, stage, request.RequestPath);
        return acl.Block;
    }

    /// <summary>Whether reading the body could find anything (a GET without one finds nothing and must not wait for it).</summary>
    private static bool MayHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
        ?? (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0);

    private readonly record struct BodyView(ReadOnlyMemory<char> Text, long Size, bool Oversize);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Request {RequestId}: web ACL {Acl} blocked it (rule {Rule}) on {Api}/{Stage} {Path}.")]
        public static partial void Blocked(ILogger logger, string requestId, string acl, string rule, string api, string stage, string path);
    }
}
