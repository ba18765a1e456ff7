using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Http;

/// <summary>
/// HTTP_PROXY: streams the client's request to the backend named by the integration URI and the backend's
/// response back, both ways without buffering a body. Headers cross as <see cref="ProxyHeaders"/> says. The
/// integration timeout bounds the wait for the response headers only (see <see cref="HeadersDeadline"/>).
/// Failures before the response starts become gateway responses (timeout, integration failure, request too
/// large); a failure after it started can only abort the client connection.
/// </summary>
internal sealed partial class HttpProxyIntegration : IIntegrationHandler
{
    private const int BufferSize = 64 * 1024;

    // Definitions are immutable and replaced whole on reload, so a template compiled per instance never goes
    // stale, and the weak table lets it go with the definition.
    private static readonly ConditionalWeakTable<IntegrationDefinition, IntegrationUriTemplate?> Templates = [];

    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly IntegrationHttpClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public HttpProxyIntegration(IntegrationHttpClient client, ILogger<HttpProxyIntegration> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _logger = logger;
        _time = time;
    }

    public IntegrationType Type => IntegrationType.HttpProxy;

    public async ValueTask<GatewayError?> InvokeAsync(HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(integration);

        if (!TryCreateTarget(context, request, integration, out var target))
        {
            return new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: request.IntegrationErrorMessage);
        }

        using var outbound = CreateRequest(context, integration, target, out var body);
        using var deadline = new HeadersDeadline(_time, integration.Timeout, context.RequestAborted);
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _client.Invoker.SendAsync(outbound, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or BadHttpRequestException)
        {
            request.IntegrationLatency = _time.GetElapsedTime(started);
            return Classify(context, request, integration, target, body, deadline, ex);
        }

        using (response)
        {
            request.IntegrationLatency = _time.GetElapsedTime(started);
            if (!deadline.TryStop())
            {
                // The headers came in the instant the deadline expired: the deadline already cancelled the request.
                return TimedOut(request, integration, target);
            }

            request.IntegrationStatus = (int)response.StatusCode;
            context.Response.StatusCode = (int)response.StatusCode;
            ProxyHeaders.CopyResponseHeaders(response, context.Response.Headers);
            return await StreamResponseAsync(context, request, integration, target, response).ConfigureAwait(false);
        }
    }

    private bool TryCreateTarget(HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration, out Uri target)
    {
        target = null!;
        var template = Templates.GetValue(integration, static d => d.IntegrationUri is { } uri ? IntegrationUriTemplate.Parse(uri) : null);
        var text = template?.Expand(request, context.Request.QueryString.Value);
        if (text is null
            || !Uri.TryCreate(text, in Verbatim, out var expanded)
            || (expanded.Scheme != Uri.UriSchemeHttp && expanded.Scheme != Uri.UriSchemeHttps))
        {
            request.IntegrationErrorMessage = $"integration '{integration.Name}': '{text ?? "(no integrationUri)"}' is not an absolute http(s) URL";
            Log.InvalidTarget(_logger, integration.Name, request.IntegrationErrorMessage);
            return false;
        }

        // Resolve the authority alone: the resolver rebuilds the URI it returns, and rebuilding canonicalises the
        // path (%2E%2E becomes .. and is collapsed), which would undo the escaping of the path parameters.
        var authority = new Uri(expanded.GetLeftPart(UriPartial.Authority));
        var resolved = _client.Resolve(authority);
        target = ReferenceEquals(resolved, authority)
            ? expanded
            : new Uri(resolved.AbsoluteUri.TrimEnd('/') + expanded.PathAndQuery, in Verbatim);
        return true;
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, IntegrationDefinition integration, Uri target, out StreamingRequestContent? body)
    {
        var method = integration.IntegrationMethod is { } configured && !string.Equals(configured, "ANY", StringComparison.OrdinalIgnoreCase)
            ? configured
            : context.Request.Method;
        var outbound = new HttpRequestMessage(HttpMethod.Parse(method), target)
        {
            // HTTP/2 where TLS negotiates it, HTTP/1.1 otherwise (cleartext HTTP/2 needs prior knowledge).
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0);
        body = canHaveBody ? new StreamingRequestContent(context.Request.Body, context.Request.ContentLength) : null;
        outbound.Content = body;
        ProxyHeaders.CopyRequestHeaders(context, outbound);
        return outbound;
    }

    private GatewayError? Classify(
        HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration, Uri target,
        StreamingRequestContent? body, HeadersDeadline deadline, Exception exception)
    {
        var clientFailure = body?.ClientFailure ?? (exception as BadHttpRequestException);
        if (clientFailure is BadHttpRequestException bad)
        {
            request.IntegrationErrorMessage = bad.Message;
            if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Log.RequestTooLarge(_logger, integration.Name, bad.Message);
                return new GatewayError(GatewayResponseType.RequestTooLarge, Detail: bad.Message);
            }

            Log.BadRequestBody(_logger, integration.Name, bad.Message);
            return new GatewayError(GatewayResponseType.Default4xx, Detail: bad.Message);
        }

        if (context.RequestAborted.IsCancellationRequested || clientFailure is not null)
        {
            request.ClientAborted = true;
            Log.ClientAborted(_logger, integration.Name, Describe(target));
            return null;
        }

        if (deadline.HasExpired)
        {
            return TimedOut(request, integration, target);
        }

        var detail = Flatten(exception);
        request.IntegrationErrorMessage = detail;
        Log.BackendFailed(_logger, integration.Name, Describe(target), detail);
        return new GatewayError(GatewayResponseType.IntegrationFailure, Detail: detail);
    }

    private GatewayError TimedOut(GatewayRequestFeature request, IntegrationDefinition integration, Uri target)
    {
        request.IntegrationErrorMessage = $"no response headers within {integration.TimeoutInMillis} ms";
        Log.BackendTimedOut(_logger, integration.Name, Describe(target), integration.TimeoutInMillis);
        return new GatewayError(GatewayResponseType.IntegrationTimeout, Detail: request.IntegrationErrorMessage);
    }

    private async Task<GatewayError?> StreamResponseAsync(
        HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration, Uri target, HttpResponseMessage response)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return null;
        }

        // A buffering layer (compression, caching) between us and the socket would hold a streamed body back.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var aborted = context.RequestAborted;
        var client = context.Response.Body;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var source = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                while (true)
                {
                    var pending = source.ReadAsync(buffer, aborted);
                    if (!pending.IsCompleted)
                    {
                        // Nothing more is ready from the backend: send what we hold (headers included) before
                        // waiting, so event streams and long polls reach the client as they happen.
                        await client.FlushAsync(aborted).ConfigureAwait(false);
                    }

                    int read;
                    try
                    {
                        read = await pending.ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!aborted.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException)
                    {
                        return BrokenOff(context, request, integration, target, ex);
                    }

                    if (read == 0)
                    {
                        return null;
                    }

                    await client.WriteAsync(buffer.AsMemory(0, read), aborted).ConfigureAwait(false);
                    request.ResponseLength += read;
                }
            }
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is IOException or OperationCanceledException)
        {
            request.ClientAborted = true;
            Log.ClientAborted(_logger, integration.Name, Describe(target));
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private GatewayError? BrokenOff(HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration, Uri target, Exception exception)
    {
        var detail = Flatten(exception);
        request.IntegrationErrorMessage = detail;
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            Log.BackendFailed(_logger, integration.Name, Describe(target), detail);
            return new GatewayError(GatewayResponseType.IntegrationFailure, Detail: detail);
        }

        // The status line is out: the only honest signal left is to break the connection, so the client sees a
        // truncated response instead of a short one that looks complete.
        Log.ResponseBrokenOff(_logger, integration.Name, Describe(target), request.ResponseLength, exception);
        context.Abort();
        return null;
    }

    // Logs name the target without its query, which may carry tokens.
    private static string Describe(Uri target) => target.GetLeftPart(UriPartial.Path);

    private static string Flatten(Exception exception)
    {
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }

        return message;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "HTTP_PROXY integration {Integration}: {Problem}")]
        public static partial void InvalidTarget(ILogger logger, string integration, string problem);

        [LoggerMessage(2, LogLevel.Warning, "HTTP_PROXY integration {Integration}: {Target} failed before responding: {Detail}")]
        public static partial void BackendFailed(ILogger logger, string integration, string target, string detail);

        [LoggerMessage(3, LogLevel.Warning, "HTTP_PROXY integration {Integration}: {Target} sent no response headers within {TimeoutMs} ms")]
        public static partial void BackendTimedOut(ILogger logger, string integration, string target, int timeoutMs);

        [LoggerMessage(4, LogLevel.Warning, "HTTP_PROXY integration {Integration}: the response of {Target} broke off after {Bytes} body bytes; aborting the client connection")]
        public static partial void ResponseBrokenOff(ILogger logger, string integration, string target, long bytes, Exception exception);

        [LoggerMessage(5, LogLevel.Debug, "HTTP_PROXY integration {Integration}: the client went away; the request to {Target} is cancelled")]
        public static partial void ClientAborted(ILogger logger, string integration, string target);

        [LoggerMessage(6, LogLevel.Information, "HTTP_PROXY integration {Integration}: request body over the limit: {Detail}")]
        public static partial void RequestTooLarge(ILogger logger, string integration, string detail);

        [LoggerMessage(7, LogLevel.Information, "HTTP_PROXY integration {Integration}: malformed request body: {Detail}")]
        public static partial void BadRequestBody(ILogger logger, string integration, string detail);
    }
}
