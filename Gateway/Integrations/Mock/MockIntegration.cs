using System.Runtime.CompilerServices;
using System.Text;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Integrations.Mock;

/// <summary>
/// MOCK: answers from the integration's <see cref="MockResponseDefinition"/> without calling anything: its
/// status, its headers (<c>application/json</c> when they name no content type) and its body rendered as a
/// <see cref="ContextTemplate"/>, so <c>$context.requestId</c> and friends are filled in. An integration without
/// a mock response answers 200 with an empty body.
/// </summary>
internal sealed class MockIntegration : IIntegrationHandler
{
    private const string DefaultContentType = "application/json";

    private static readonly MockResponseDefinition EmptyResponse = new();

    // Parsed once per definition instance (definitions are immutable and replaced whole on reload).
    private static readonly ConditionalWeakTable<MockResponseDefinition, CompiledBody> Bodies = [];

    public IntegrationType Type => IntegrationType.Mock;

    public async ValueTask<GatewayError?> InvokeAsync(HttpContext context, GatewayRequestFeature request, IntegrationDefinition integration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(integration);

        var mock = integration.MockResponse ?? EmptyResponse;
        var body = Bodies.GetValue(mock, static m => CompiledBody.Parse(m.Body));
        if (body.Error is { } error)
        {
            // Definition validation rejects unknown variables at load; this guards a definition built in code.
            request.IntegrationErrorMessage = $"integration '{integration.Name}': mock body: {error}";
            return new GatewayError(GatewayResponseType.ApiConfigurationError, Detail: request.IntegrationErrorMessage);
        }

        request.IntegrationStatus = mock.StatusCode;
        request.IntegrationLatency = TimeSpan.Zero;
        var response = context.Response;
        response.StatusCode = mock.StatusCode;
        foreach (var (name, value) in mock.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType ??= DefaultContentType;
        if (!AllowsBody(mock.StatusCode))
        {
            return null;
        }

        var bytes = body.Template is { } template ? Encoding.UTF8.GetBytes(template.Render(context, request, missing: "")) : [];
        response.ContentLength = bytes.Length;
        if (bytes.Length == 0 || HttpMethods.IsHead(context.Request.Method))
        {
            return null;
        }

        try
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            request.ResponseLength = bytes.Length;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            request.ClientAborted = true;
        }

        return null;
    }

    // RFC 9110 §15.2, §15.3.5, §15.4.5: 1xx, 204 and 304 responses carry no content.
    private static bool AllowsBody(int status) => status >= 200 && status != StatusCodes.Status204NoContent && status != StatusCodes.Status304NotModified;

    private sealed record CompiledBody(ContextTemplate? Template, string? Error)
    {
        public static CompiledBody Parse(string? text) =>
            text is null ? new CompiledBody(null, null)
            : ContextTemplate.TryParse(text, out var template, out var error) ? new CompiledBody(template, null)
            : new CompiledBody(null, error);
    }
}
