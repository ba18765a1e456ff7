using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Platform.ConnectionHub.Observability;
using Platform.Definitions;
using Platform.Functions;
using Platform.ServiceDefaults.Discovery;

namespace Platform.ConnectionHub.Integrations;

/// <summary>
/// Calls a route's integration with an event: AWS_PROXY through the function invoke contract (the service named by
/// <c>integrationUri</c>, resolved by service discovery), MOCK from the definition. The call gets its own span, a
/// child of the event's span, and carries W3C trace context to the function.
/// </summary>
public sealed partial class IntegrationInvoker(ServiceEndpointResolver resolver, HubTelemetry telemetry, TimeProvider timeProvider, ILogger<IntegrationInvoker> logger) : IDisposable
{
    // One pooled handler for every function call; no retries (an event must run at most once).
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
    });

    public async Task<IntegrationResult> InvokeAsync(IntegrationDefinition integration, StageDefinition stage, APIGatewayWebSocketRequest request, string apiId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(stage);
        if (integration.Type == IntegrationType.Mock)
        {
            var mock = integration.MockResponse;
            return new IntegrationResult(mock?.StatusCode ?? 200, mock?.Headers ?? new Dictionary<string, string>(), mock?.Body is { } text ? Encoding.UTF8.GetBytes(text) : null, null);
        }

        var functionName = Substitute(integration.FunctionName ?? "", stage.StageVariables);
        using var span = HubTelemetry.ActivitySource.StartActivity("Integration", ActivityKind.Client);
        span?.SetTag("faas.invoked_name", functionName);
        span?.SetTag("apigateway.integration", integration.Name);
        var started = timeProvider.GetTimestamp();
        try
        {
            if (functionName.Length == 0 || !Uri.TryCreate(integration.IntegrationUri, UriKind.Absolute, out var service))
            {
                return Failed(span, $"integration '{integration.Name}' has no function to invoke in stage '{stage.Name}'");
            }

            var resolved = resolver.TryResolve(service, out var endpoint) ? endpoint : service;
            var target = new Uri(resolved, FunctionInvokeProtocol.InvocationPath(functionName));
            var payload = JsonSerializer.SerializeToUtf8Bytes(request, FunctionJsonContext.Wire.APIGatewayWebSocketRequest);
            using var timeout = new CancellationTokenSource(integration.Timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            FunctionInvocation invocation;
            try
            {
                invocation = await FunctionInvocation.InvokeAsync(_invoker, target, payload, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return Failed(span, $"function '{functionName}' did not answer within {integration.TimeoutInMillis} ms");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return Failed(span, $"invoking function '{functionName}' at {target} failed: {ex.Message}");
            }

            span?.SetTag("http.response.status_code", invocation.Status);
            if (!invocation.Succeeded)
            {
                return Failed(span, invocation.Describe(functionName));
            }

            return Map(invocation.Payload, functionName) is { } result ? result : Failed(span, $"function '{functionName}' returned a malformed response");
        }
        finally
        {
            telemetry.IntegrationLatency(apiId, stage.Name, timeProvider.GetElapsedTime(started));
        }
    }

    public void Dispose() => _invoker.Dispose();

    // A WebSocket integration may return a proxy response, any other JSON value (sent as is on a route response),
    // or nothing at all; only a proxy response can reject $connect.
    private static IntegrationResult? Map(byte[] payload, string functionName)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (payload.Length == 0)
        {
            return new IntegrationResult(200, headers, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return new IntegrationResult(200, headers, null, null);
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var statusElement))
            {
                return new IntegrationResult(200, headers, payload, null);
            }

            if (!statusElement.TryGetInt32(out var status) || status is < 100 or > 599)
            {
                return null;
            }

            if (root.TryGetProperty("headers", out var headerElement) && headerElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headerElement.EnumerateObject())
                {
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
                }
            }

            byte[]? body = null;
            if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind == JsonValueKind.String)
            {
                var text = bodyElement.GetString()!;
                var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
                body = base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            }

            return new IntegrationResult(status, headers, body, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            _ = functionName;
            return null;
        }
    }

    private IntegrationResult Failed(Activity? span, string failure)
    {
        span?.SetStatus(ActivityStatusCode.Error, failure);
        Log.IntegrationFailed(logger, failure);
        return IntegrationResult.Fail(failure);
    }

    private static string Substitute(string template, IReadOnlyDictionary<string, string> variables)
    {
        if (!template.Contains("${stageVariables.", StringComparison.Ordinal))
        {
            return template;
        }

        var result = template;
        foreach (var (name, value) in variables)
        {
            result = result.Replace("${stageVariables." + name + "}", value, StringComparison.Ordinal);
        }

        return result.Contains("${stageVariables.", StringComparison.Ordinal) ? "" : result;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "WebSocket integration failed: {Failure}")]
        public static partial void IntegrationFailed(ILogger logger, string failure);
    }
}
