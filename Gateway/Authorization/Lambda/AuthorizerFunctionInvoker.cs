using System.Diagnostics;
using System.Text.Json;
using Platform.Definitions.Responses;
using Platform.Functions;
using Platform.Gateway.Integrations;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// Calls an authorizer function through the function invoke contract (the same outbound stack and Invoke API as
/// <c>AWS_PROXY</c> integrations) and turns what happened into an <see cref="AuthorizerOutcome"/>:
/// <list type="bullet">
/// <item>a function error whose <c>errorMessage</c> is <c>Unauthorized</c> → 401 <c>UNAUTHORIZED</c>, AWS's way for a
/// function to say "no credentials";</item>
/// <item>no answer within the authorizer's <c>timeoutInMillis</c>, an unreachable service, a rejected invocation or any
/// other function error → 500 <c>AUTHORIZER_FAILURE</c>;</item>
/// <item>an answer that is not a valid authorizer response → 500 <c>AUTHORIZER_CONFIGURATION_ERROR</c>.</item>
/// </list>
/// Cancellation by <c>cancellationToken</c> (the client went away) is rethrown, never turned into an answer.
/// </summary>
internal sealed partial class AuthorizerFunctionInvoker(IntegrationHttpClient client, TimeProvider time, ILogger<AuthorizerFunctionInvoker> logger)
{
    /// <summary>The <c>errorMessage</c> with which a function refuses a caller as unauthenticated.</summary>
    public const string UnauthorizedMessage = "Unauthorized";

    public async Task<AuthorizerOutcome> InvokeAsync(AuthorizerCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var target = AuthorizerCall.Target(client.Resolve(call.Service), call.FunctionName);
        var timeoutMs = call.TimeoutInMillis > 0 ? call.TimeoutInMillis : Definitions.Authorization.AuthorizerDefinition.DefaultTimeoutInMillis;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var span = Activity.Current;
        var started = time.GetTimestamp();
        FunctionInvocation invocation;
        try
        {
            invocation = await FunctionInvocation.InvokeAsync(client.Invoker, target, call.Event, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            span?.SetTag("apigateway.authorizer.invoke_status", "timeout");
            return Failure(call, GatewayResponseType.AuthorizerFailure, time.GetElapsedTime(started),
                $"function '{call.FunctionName}' did not answer within {timeoutMs} ms", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Refused or reset connections, and the handler's own connect timeout (a cancellation that is not ours).
            span?.SetTag("apigateway.authorizer.invoke_status", "unreachable");
            return Failure(call, GatewayResponseType.AuthorizerFailure, time.GetElapsedTime(started),
                $"invoking function '{call.FunctionName}' at {target} failed: {ex.Message}", ex);
        }

        var latency = time.GetElapsedTime(started);
        span?.SetTag("apigateway.authorizer.invoke_status", invocation.Status);
        if (!invocation.Succeeded)
        {
            if (invocation.FunctionError is not null && ErrorMessageOf(invocation.Payload) == UnauthorizedMessage)
            {
                span?.SetTag("apigateway.authorizer.function_error", UnauthorizedMessage);
                return new AuthorizerOutcome(null, new GatewayError(GatewayResponseType.Unauthorized,
                    Detail: $"function '{call.FunctionName}' answered {UnauthorizedMessage}"), latency);
            }

            if (invocation.FunctionError is { } functionError)
            {
                span?.SetTag("apigateway.authorizer.function_error", functionError);
            }

            return Failure(call, GatewayResponseType.AuthorizerFailure, latency, invocation.Describe(call.FunctionName), null);
        }

        if (!AuthorizerResponseReader.TryRead(invocation.Payload, call.SimpleResponses, out var decision, out var problem))
        {
            var format = call.SimpleResponses ? "simple" : "IAM policy";
            return Failure(call, GatewayResponseType.AuthorizerConfigurationError, latency,
                $"function '{call.FunctionName}' returned a malformed {format} response: {problem}", null);
        }

        return new AuthorizerOutcome(decision, null, latency);
    }

    private AuthorizerOutcome Failure(AuthorizerCall call, GatewayResponseType type, TimeSpan latency, string detail, Exception? exception)
    {
        Log.AuthorizerFailed(logger, exception, call.RequestId, call.AuthorizerName, call.FunctionName, detail);
        return new AuthorizerOutcome(null, new GatewayError(type, Detail: detail), latency);
    }

    private static string? ErrorMessageOf(byte[]? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(payload, FunctionJsonContext.Wire.FunctionError)?.ErrorMessage;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Request {RequestId}: authorizer {Authorizer} (function {FunctionName}) failed, answering 500: {Detail}")]
        public static partial void AuthorizerFailed(ILogger logger, Exception? exception, string requestId, string authorizer, string functionName, string detail);
    }
}
