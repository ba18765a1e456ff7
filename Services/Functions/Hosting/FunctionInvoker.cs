using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Functions;

/// <summary>
/// Serves one Invoke request, in Lambda's order: invocation type → function → (DryRun stops here) → payload
/// size → payload shape → run. Every answer carries <c>x-amzn-RequestId</c>; a function's own failure is a
/// 200 with <c>X-Amz-Function-Error</c>, as Lambda answers it, so callers can tell it from a rejected call.
/// </summary>
internal sealed partial class FunctionInvoker(FunctionTelemetry telemetry, TimeProvider timeProvider, ILogger<FunctionInvoker> logger)
{
    private const string JsonContentType = "application/json";
    private const string ResponseTooLargeErrorType = "Function.ResponseSizeTooLarge";

    private static readonly Func<ILogger, string, string, IDisposable?> InvocationScope =
        LoggerMessage.DefineScope<string, string>("Function {FunctionName} invocation {AwsRequestId}");

    public async Task InvokeAsync(HttpContext http, FunctionEndpointDataSource functions)
    {
        var invocationId = Guid.NewGuid().ToString();
        var response = http.Response;
        response.Headers[FunctionInvokeProtocol.RequestIdHeader] = invocationId;

        var invocationType = http.Request.Headers[FunctionInvokeProtocol.InvocationTypeHeader].ToString();
        if (invocationType.Length > 0
            && invocationType is not (FunctionInvokeProtocol.RequestResponseInvocation or FunctionInvokeProtocol.DryRunInvocation))
        {
            await WriteServiceErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidParameterValueException",
                $"Unsupported {FunctionInvokeProtocol.InvocationTypeHeader} '{invocationType}': this platform supports " +
                $"{FunctionInvokeProtocol.RequestResponseInvocation} and {FunctionInvokeProtocol.DryRunInvocation}.").ConfigureAwait(false);
            return;
        }

        var name = FunctionInvokeProtocol.FunctionNameOf(http.Request.RouteValues["functionName"] as string ?? string.Empty);
        if (!functions.TryGet(name, out var function))
        {
            Log.FunctionNotFound(logger, name, invocationId);
            await WriteServiceErrorAsync(http, StatusCodes.Status404NotFound, "ResourceNotFoundException",
                "Function not found: " + FunctionInvokeProtocol.FunctionArn(name)).ConfigureAwait(false);
            return;
        }

        if (invocationType == FunctionInvokeProtocol.DryRunInvocation)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var payload = await InvokePayloadReader.ReadAsync(http.Request, FunctionInvokeProtocol.MaxPayloadBytes, http.RequestAborted)
            .ConfigureAwait(false);
        if (payload is null)
        {
            Log.PayloadRejected(logger, name, invocationId, "payload too large");
            await WriteServiceErrorAsync(http, StatusCodes.Status413RequestEntityTooLarge, "RequestTooLargeException",
                $"Request must be smaller than {FunctionInvokeProtocol.MaxPayloadBytes} bytes for the InvokeFunction operation")
                .ConfigureAwait(false);
            return;
        }

        if (!TryReadEvent(function, payload, out var @event, out var problem))
        {
            Log.PayloadRejected(logger, name, invocationId, problem);
            await WriteServiceErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestContentException",
                "Could not parse request body into json: " + problem).ConfigureAwait(false);
            return;
        }

        await RunAsync(http, function, @event, invocationId).ConfigureAwait(false);
    }

    private static bool TryReadEvent(RegisteredFunction function, byte[] payload, out object @event, out string problem)
    {
        @event = null!;
        if (payload.Length == 0)
        {
            problem = "the request body is empty; send the event as JSON.";
            return false;
        }

        object? read;
        try
        {
            read = function.ReadEvent(payload);
        }
        catch (JsonException ex)
        {
            // The message names what is wrong and where: "... Path: $.body | LineNumber: 0 | BytePositionInLine: 12."
            problem = ex.Message;
            return false;
        }

        if (read is null)
        {
            problem = $"the event is JSON null; function '{function.Name}' expects {function.EventTypeName}.";
            return false;
        }

        @event = read;
        problem = string.Empty;
        return true;
    }

    private async Task RunAsync(HttpContext http, RegisteredFunction function, object @event, string invocationId)
    {
        var context = new FunctionContext
        {
            FunctionName = function.Name,
            AwsRequestId = invocationId,
            InvokedFunctionArn = function.Arn,
            Logger = function.Logger,
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
        };

        using var scope = InvocationScope(function.Logger, function.Name, invocationId);
        using var activity = FunctionTelemetry.StartInvocation(function, invocationId);
        var started = timeProvider.GetTimestamp();
        byte[] result;
        try
        {
            result = await function.InvokeAsync(@event, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller is gone: nobody reads an answer, but the run still counts as failed.
            FunctionTelemetry.Fail(activity, ex.GetType().FullName!, "The caller abandoned the invocation.", ex);
            telemetry.RecordInvocation(function.Name, succeeded: false, timeProvider.GetElapsedTime(started));
            return;
        }
        catch (Exception ex)
        {
            // Whatever the function throws is the caller's answer (Lambda's "Unhandled"), never the host's failure.
            var errorType = ex.GetType().Name;
            Log.FunctionFailed(logger, ex, function.Name, invocationId, TraceIdOf(activity));
            FunctionTelemetry.Fail(activity, ex.GetType().FullName ?? errorType, ex.Message, ex);
            telemetry.RecordInvocation(function.Name, succeeded: false, timeProvider.GetElapsedTime(started));
            await WriteFunctionErrorAsync(http, ex.Message, errorType).ConfigureAwait(false);
            return;
        }

        if (result.Length > FunctionInvokeProtocol.MaxPayloadBytes)
        {
            var message = $"Response payload size ({result.Length} bytes) exceeded maximum allowed payload size ({FunctionInvokeProtocol.MaxPayloadBytes} bytes).";
            Log.ResultTooLarge(logger, function.Name, invocationId, result.Length, TraceIdOf(activity));
            FunctionTelemetry.Fail(activity, ResponseTooLargeErrorType, message, exception: null);
            telemetry.RecordInvocation(function.Name, succeeded: false, timeProvider.GetElapsedTime(started));
            await WriteFunctionErrorAsync(http, message, ResponseTooLargeErrorType).ConfigureAwait(false);
            return;
        }

        telemetry.RecordInvocation(function.Name, succeeded: true, timeProvider.GetElapsedTime(started));
        http.Response.Headers[FunctionInvokeProtocol.ExecutedVersionHeader] = FunctionInvokeProtocol.LatestVersion;
        await WriteJsonAsync(http, StatusCodes.Status200OK, result).ConfigureAwait(false);
    }

    private static string TraceIdOf(Activity? activity) =>
        (activity ?? Activity.Current)?.TraceId.ToString() ?? "-";

    private static Task WriteFunctionErrorAsync(HttpContext http, string message, string errorType)
    {
        http.Response.Headers[FunctionInvokeProtocol.ExecutedVersionHeader] = FunctionInvokeProtocol.LatestVersion;
        http.Response.Headers[FunctionInvokeProtocol.FunctionErrorHeader] = FunctionInvokeProtocol.UnhandledFunctionError;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new FunctionError { ErrorMessage = message, ErrorType = errorType }, FunctionJsonContext.Wire.FunctionError);
        return WriteJsonAsync(http, StatusCodes.Status200OK, body);
    }

    private static Task WriteServiceErrorAsync(HttpContext http, int statusCode, string errorType, string message)
    {
        http.Response.Headers[FunctionInvokeProtocol.ErrorTypeHeader] = errorType;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new FunctionServiceError { Type = "User", Message = message }, FunctionJsonContext.Wire.FunctionServiceError);
        return WriteJsonAsync(http, statusCode, body);
    }

    private static Task WriteJsonAsync(HttpContext http, int statusCode, byte[] body)
    {
        var response = http.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error,
            "Function {FunctionName} failed in invocation {AwsRequestId} (trace {TraceId}); the caller gets an Unhandled function error.")]
        public static partial void FunctionFailed(ILogger logger, Exception exception, string functionName, string awsRequestId, string traceId);

        [LoggerMessage(2, LogLevel.Error,
            "Function {FunctionName} returned {Size} bytes in invocation {AwsRequestId} (trace {TraceId}), more than the invoke limit.")]
        public static partial void ResultTooLarge(ILogger logger, string functionName, string awsRequestId, int size, string traceId);

        [LoggerMessage(3, LogLevel.Debug, "Invocation {AwsRequestId}: no function named {FunctionName}.")]
        public static partial void FunctionNotFound(ILogger logger, string functionName, string awsRequestId);

        [LoggerMessage(4, LogLevel.Debug, "Invocation {AwsRequestId} of {FunctionName} rejected: {Problem}")]
        public static partial void PayloadRejected(ILogger logger, string functionName, string awsRequestId, string problem);
    }
}
