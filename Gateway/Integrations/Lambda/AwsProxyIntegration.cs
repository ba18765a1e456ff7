using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Platform.Functions;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Lambda;

/// <summary>
/// <c>AWS_PROXY</c>: the request becomes a payload 1.0 or 2.0 event (REST APIs always 1.0), the event is POSTed to the
/// service hosting the function through the Lambda Invoke API, and the function's response is mapped back
/// (AWS-REFERENCE §2). Each way is capped at 6 MB; the call is bounded by the integration timeout. A function error,
/// a rejected invocation, an unreachable service or a malformed response is an <c>INTEGRATION_FAILURE</c>; a timeout
/// an <c>INTEGRATION_TIMEOUT</c>. A client that goes away ends the request without an answer.
/// </summary>
internal sealed partial class AwsProxyIntegration(IntegrationHttpClient client, ILogger<AwsProxyIntegration> logger, TimeProvider timeProvider)
    : IIntegrationHandler
{
    public IntegrationType Type => IntegrationType.AwsProxy;

    public async ValueTask<GatewayError?> InvokeAsync(HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(integration);

        var (api, stage, _) = ProxyEventRequest.Resolved(request);
        var template = integration.FunctionName ?? string.Empty;
        var functionName = StageVariableSubstitution.Apply(template, stage.StageVariables);
        if (functionName.Length == 0)
        {
            return Fail(request, functionName, null,
                $"integration '{integration.Name}': function name '{template}' is empty in stage '{stage.Name}' (a stage variable it uses is not set)");
        }

        if (!Uri.TryCreate(integration.IntegrationUri, UriKind.Absolute, out var serviceUri))
        {
            return Fail(request, functionName, null,
                $"integration '{integration.Name}': integrationUri '{integration.IntegrationUri}' is not an absolute URL of the service hosting '{functionName}'");
        }

        var aborted = context.RequestAborted;
        byte[]? body;
        try
        {
            body = await ProxyRequestBody.ReadAsync(context.Request, FunctionInvokeProtocol.MaxPayloadBytes, aborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's request-body cap (the pipeline sets it to the API's 10 MB) stopped the read.
            return TooLarge(request, functionName, "the request body is over the gateway's request-body limit");
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            return Aborted(request, functionName);
        }

        var payloadV2 = api.Protocol == ApiProtocol.Http && integration.PayloadFormatVersion != ProxyEventV1Builder.Version;
        var payload = body is null ? null : Serialize(context, request, body, payloadV2);
        if (payload is null || payload.Length > FunctionInvokeProtocol.MaxPayloadBytes)
        {
            return TooLarge(request, functionName,
                $"the event for function '{functionName}' is over the {FunctionInvokeProtocol.MaxPayloadBytes}-byte invoke limit");
        }

        var target = Target(client.Resolve(serviceUri), functionName);
        using var timeout = new CancellationTokenSource(integration.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, aborted);
        var started = timeProvider.GetTimestamp();
        FunctionInvocation invocation;
        try
        {
            invocation = await FunctionInvocation.InvokeAsync(client.Invoker, target, payload, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException && aborted.IsCancellationRequested)
        {
            request.IntegrationLatency = timeProvider.GetElapsedTime(started);
            return Aborted(request, functionName);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            request.IntegrationLatency = timeProvider.GetElapsedTime(started);
            var detail = $"function '{functionName}' did not answer within {integration.TimeoutInMillis} ms";
            request.IntegrationErrorMessage = detail;
            Log.TimedOut(logger, request.RequestId, functionName, integration.TimeoutInMillis);
            return new GatewayError(GatewayResponseType.IntegrationTimeout, Detail: detail);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // Refused or reset connections, and the handler's own connect timeout (a cancellation that is not ours).
            request.IntegrationLatency = timeProvider.GetElapsedTime(started);
            return Fail(request, functionName, ex, $"invoking function '{functionName}' at {target} failed: {ex.Message}");
        }

        request.IntegrationLatency = timeProvider.GetElapsedTime(started);
        request.IntegrationStatus = invocation.Status;
        if (!invocation.Succeeded)
        {
            return Fail(request, functionName, null, invocation.Describe(functionName));
        }

        if (!TryMap(payloadV2, invocation.Payload, out var response, out var failure))
        {
            var version = payloadV2 ? ProxyEventV2Builder.Version : ProxyEventV1Builder.Version;
            return Fail(request, functionName, null, $"function '{functionName}' returned a malformed payload {version} response: {failure}");
        }

        request.IntegrationStatus = response.StatusCode;
        try
        {
            await WriteAsync(context, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            return Aborted(request, functionName);
        }

        return null;
    }

    private static byte[] Serialize(HttpContext context, GatewayRequestFeature request, byte[] body, bool payloadV2)
    {
        var traceId = Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom();
        return payloadV2
            ? JsonSerializer.SerializeToUtf8Bytes(ProxyEventV2Builder.Build(context, request, body, traceId),
                FunctionJsonContext.Wire.APIGatewayHttpApiV2ProxyRequest)
            : JsonSerializer.SerializeToUtf8Bytes(ProxyEventV1Builder.Build(context, request, body, traceId),
                FunctionJsonContext.Wire.APIGatewayProxyRequest);
    }

    private static bool TryMap(bool payloadV2, byte[] output, [NotNullWhen(true)] out ProxyResponse? response, [NotNullWhen(false)] out string? failure) =>
        payloadV2 ? ProxyResponseV2Mapper.TryMap(output, out response, out failure) : ProxyResponseV1Mapper.TryMap(output, out response, out failure);

    // The integration URI names the service; a base path it carries (http://users/fn-host) is kept before the invoke path.
    internal static Uri Target(Uri service, string functionName) =>
        new UriBuilder(service)
        {
            Path = service.AbsolutePath.TrimEnd('/') + FunctionInvokeProtocol.InvocationPath(functionName),
            Query = string.Empty,
            Fragment = string.Empty,
        }.Uri;

    private static async Task WriteAsync(HttpContext context, ProxyResponse mapped)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;

        // The function's value replaces one the pipeline set earlier under the same name; repeats of a name add lines.
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in mapped.Headers)
        {
            if (written.Add(name))
            {
                response.Headers[name] = value;
            }
            else
            {
                response.Headers.Append(name, value);
            }
        }

        foreach (var cookie in mapped.Cookies)
        {
            response.Headers.Append(HeaderNames.SetCookie, cookie);
        }

        // 1xx, 204 and 304 responses cannot carry a body (RFC 9110 §6.4.1): a body the function sent with one is dropped.
        if (mapped.StatusCode is < 200 or StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }

        response.ContentLength = mapped.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method) && mapped.Body.Length > 0)
        {
            await response.Body.WriteAsync(mapped.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private GatewayError Fail(GatewayRequestFeature request, string functionName, Exception? exception, string detail)
    {
        request.IntegrationErrorMessage = detail;
        Log.IntegrationFailed(logger, exception, request.RequestId, functionName, detail);
        return new GatewayError(GatewayResponseType.IntegrationFailure, Detail: detail);
    }

    private GatewayError TooLarge(GatewayRequestFeature request, string functionName, string detail)
    {
        Log.RequestTooLarge(logger, request.RequestId, functionName, detail);
        return new GatewayError(GatewayResponseType.RequestTooLarge, Detail: detail);
    }

    private GatewayError? Aborted(GatewayRequestFeature request, string functionName)
    {
        request.ClientAborted = true;
        Log.ClientAborted(logger, request.RequestId, functionName);
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Request {RequestId}: function {FunctionName} integration failed: {Detail}")]
        public static partial void IntegrationFailed(ILogger logger, Exception? exception, string requestId, string functionName, string detail);

        [LoggerMessage(2, LogLevel.Warning, "Request {RequestId}: function {FunctionName} did not answer within {TimeoutMs} ms.")]
        public static partial void TimedOut(ILogger logger, string requestId, string functionName, int timeoutMs);

        [LoggerMessage(3, LogLevel.Information, "Request {RequestId}: function {FunctionName} not invoked: {Detail}")]
        public static partial void RequestTooLarge(ILogger logger, string requestId, string functionName, string detail);

        [LoggerMessage(4, LogLevel.Debug, "Request {RequestId}: the client went away while function {FunctionName} was being invoked.")]
        public static partial void ClientAborted(ILogger logger, string requestId, string functionName);
    }
}
