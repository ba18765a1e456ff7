using System.Text;
using Platform.Definitions;
using Platform.Gateway.Pipeline;
using Platform.Definitions.Responses;
using Platform.Definitions.Templates;

namespace Platform.Gateway.Responses;

/// <summary>
/// An API's gateway responses: AWS's defaults for its flavour, overlaid with the API's customisations. As in AWS,
/// a customised <c>DEFAULT_4XX</c>/<c>DEFAULT_5XX</c> applies to every type of that class the API does not
/// customise itself. Templates are parsed once, here.
/// </summary>
public sealed class GatewayResponseTable
{
    private readonly ApiProtocol _protocol;
    private readonly Dictionary<GatewayResponseType, Custom> _custom = [];

    public GatewayResponseTable(ApiProtocol protocol, IReadOnlyDictionary<GatewayResponseType, GatewayResponseDefinition> customised)
    {
        ArgumentNullException.ThrowIfNull(customised);
        _protocol = protocol;
        foreach (var (type, definition) in customised)
        {
            _custom[type] = new Custom(definition, definition.BodyTemplate is { } body ? ContextTemplate.Parse(body) : null);
        }
    }

    public string? DefaultMessageOf(GatewayResponseType type) => GatewayResponseDefaults.For(_protocol, type).Message;

    /// <summary>Writes <paramref name="error"/> as this API answers it; the caller has checked the response has not started.</summary>
    public Task WriteAsync(HttpContext context, GatewayRequestFeature request, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);

        request.Error = error;
        var defaults = GatewayResponseDefaults.For(_protocol, error.Type);
        var custom = FindCustom(error.Type, error.StatusCode ?? defaults.StatusCode);

        var response = context.Response;
        response.StatusCode = custom?.Definition.StatusCode ?? error.StatusCode ?? defaults.StatusCode;
        response.ContentType = "application/json";
        if (defaults.ErrorType is { } errorType)
        {
            response.Headers["x-amzn-ErrorType"] = errorType;
        }

        if (error.Headers is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                response.Headers[name] = value;
            }
        }

        if (custom is not null)
        {
            foreach (var (name, value) in custom.Definition.Headers)
            {
                response.Headers[name] = value;
            }
        }

        string body;
        if (custom?.Body is { } template)
        {
            body = template.Render(context, request, missing: "");
        }
        else if (error.Message is null || custom is not null)
        {
            // A customisation without a body keeps the default; a REST type customised only in status or
            // headers still renders its message through the default template.
            body = error.Message is null ? defaults.Body : RenderMessage(error.Message, defaults);
        }
        else
        {
            body = RenderMessage(error.Message, defaults);
        }

        if (custom?.Body is null && error.ValidationErrors is { } validation)
        {
            // A failed request validator's default body lists what failed: {"message": "...", "errors": [{path, message}]}.
            body = string.Concat(body.AsSpan(0, body.LastIndexOf('}')), ", \"errors\": ", validation, "}");
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        request.ResponseLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>A message in the default body's shape (responses AWS spaces after the colon keep the space).</summary>
    private static string RenderMessage(string message, GatewayResponseDefault defaults) =>
        (defaults.Body.StartsWith("{\"message\": ", StringComparison.Ordinal) ? "{\"message\": " : "{\"message\":")
        + System.Text.Json.JsonSerializer.Serialize(message, GatewayJsonContext.Wire.String) + "}";

    private Custom? FindCustom(GatewayResponseType type, int defaultStatus)
    {
        if (_custom.TryGetValue(type, out var custom))
        {
            return custom;
        }

        var fallback = defaultStatus >= 500 ? GatewayResponseType.Default5xx : GatewayResponseType.Default4xx;
        return _custom.GetValueOrDefault(fallback);
    }

    private sealed record Custom(GatewayResponseDefinition Definition, ContextTemplate? Body);
}
