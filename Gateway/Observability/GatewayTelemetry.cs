using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Gateway.Observability;

/// <summary>
/// The gateway's spans and metrics. Instruments are named after API Gateway's CloudWatch metrics under an
/// <c>apigateway.</c> prefix (OpenTelemetry instrument names must start with a letter, and <c>4XXError</c>
/// does not), tagged by <c>api</c>, <c>stage</c> and <c>route</c> as AWS's dimensions are.
/// </summary>
internal sealed class GatewayTelemetry
{
    public const string Name = "Platform.Gateway";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _count;
    private readonly Counter<long> _clientErrors;
    private readonly Counter<long> _serverErrors;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _integrationLatency;
    private readonly UpDownCounter<long> _tunnels;
    private readonly Counter<long> _authorizerDenials;
    private readonly Counter<long> _authorizerErrors;
    private readonly Histogram<double> _authorizerLatency;

    public GatewayTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _count = meter.CreateCounter<long>("apigateway.Count", "{request}", "Requests the gateway served.");
        _clientErrors = meter.CreateCounter<long>("apigateway.4XXError", "{request}", "Requests answered with a 4XX status.");
        _serverErrors = meter.CreateCounter<long>("apigateway.5XXError", "{request}", "Requests answered with a 5XX status.");
        _latency = meter.CreateHistogram<double>("apigateway.Latency", "ms", "Time from receiving the request to finishing the response.");
        _integrationLatency = meter.CreateHistogram<double>("apigateway.IntegrationLatency", "ms", "Time the integration took to answer.");
        _authorizerDenials = meter.CreateCounter<long>("apigateway.authorizer.denials", "{request}",
            "Requests refused by access control (authorizer, IAM, resource policy, API key), tagged by reason.");
        _authorizerErrors = meter.CreateCounter<long>("apigateway.authorizer.errors", "{request}",
            "Authorizers that failed (unreachable, timed out, malformed answer): answered 500.");
        _authorizerLatency = meter.CreateHistogram<double>("apigateway.authorizer.latency", "ms",
            "Time an authorizer took, tagged by cache hit.");
        _tunnels = meter.CreateUpDownCounter<long>("apigateway.websocket.tunnels", "{connection}", "WebSocket connections open between clients and the ConnectionHub through the gateway.");
    }

    /// <summary>A WebSocket tunnel to the ConnectionHub opened (<paramref name="delta"/> 1) or closed (-1).</summary>
    public void RecordTunnel(string api, string stage, int delta)
    {
        var tags = new TagList { { "api", api }, { "stage", stage } };
        _tunnels.Add(delta, tags);
    }

    /// <summary>Records one finished request. Client aborts count as requests but never as 5XX errors.</summary>
    public void RecordRequest(string api, string stage, string route, int status, bool clientAborted, TimeSpan latency, TimeSpan? integrationLatency)
    {
        var tags = new TagList { { "api", api }, { "stage", stage }, { "route", route } };
        _count.Add(1, tags);
        if (status is >= 400 and < 500)
        {
            _clientErrors.Add(1, tags);
        }
        else if (status >= 500 && !clientAborted)
        {
            _serverErrors.Add(1, tags);
        }

        _latency.Record(latency.TotalMilliseconds, tags);
        if (integrationLatency is { } value)
        {
            _integrationLatency.Record(value.TotalMilliseconds, tags);
        }
    }

    /// <summary>One access-control refusal: <paramref name="stage"/> is what refused (jwt, lambda, iam, policy, api_key), <paramref name="reason"/> the response type.</summary>
    public void RecordDenial(string api, string stageName, string route, string stage, string reason)
    {
        var tags = new TagList { { "api", api }, { "stage", stageName }, { "route", route }, { "authorizer", stage }, { "reason", reason } };
        _authorizerDenials.Add(1, tags);
    }

    /// <summary>One authorizer failure (answered 500).</summary>
    public void RecordAuthorizerError(string api, string stageName, string authorizer, string reason)
    {
        var tags = new TagList { { "api", api }, { "stage", stageName }, { "authorizer", authorizer }, { "reason", reason } };
        _authorizerErrors.Add(1, tags);
    }

    /// <summary>How long one authorizer decision took.</summary>
    public void RecordAuthorizerLatency(string api, string stageName, string authorizer, bool cacheHit, TimeSpan latency)
    {
        var tags = new TagList { { "api", api }, { "stage", stageName }, { "authorizer", authorizer }, { "cache_hit", cacheHit } };
        _authorizerLatency.Record(latency.TotalMilliseconds, tags);
    }
}
