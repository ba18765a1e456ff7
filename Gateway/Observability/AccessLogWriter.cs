using System.Runtime.CompilerServices;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Observability;

/// <summary>
/// Writes each stage's access log (AWS-REFERENCE §9) to the <c>Platform.Gateway.AccessLog</c> category, one
/// structured record per request, from the stage's <c>$context</c> template parsed once per definition version.
/// </summary>
internal sealed class AccessLogWriter(ILoggerFactory loggerFactory)
{
    public const string Category = "Platform.Gateway.AccessLog";

    private static readonly EventId AccessLogEvent = new(1, "AccessLog");

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);
    private readonly ConditionalWeakTable<StageDefinition, ContextTemplate> _templates = [];

    public void Write(HttpContext context, GatewayRequestFeature request)
    {
        if (request.Stage is not { AccessLogFormat: { } format } stage || !_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var template = _templates.GetValue(stage, _ => ContextTemplate.Parse(format));
        var line = template.Render(context, request);
        var record = new AccessLogRecord(line, request.Api?.Name ?? "", stage.Name, request.RouteKeyText, request.RequestId, context.Response.StatusCode);
        _logger.Log(LogLevel.Information, AccessLogEvent, record, null, static (state, _) => state.ToString());
    }
}
