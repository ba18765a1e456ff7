using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Platform.Definitions;
using Platform.Definitions.Responses;
using Platform.Definitions.Schemas;
using Platform.Definitions.Stages;
using Platform.Definitions.Validation;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Validation;

/// <summary>
/// Request validation (AWS-REFERENCE §3), after access control and before the cache and the integration: a route
/// with a <c>requestValidatorId</c> has its required <c>requestParameters</c> checked (400 <c>Missing required request
/// parameters: [a, b]</c>) and/or its body validated against the model for its content type (the media type, else
/// <c>$default</c>; no <c>Content-Type</c> reads as <c>application/json</c>, as AWS does) — 400 <c>Invalid request
/// body</c> with the violations as <c>errors: [{path, message}]</c> (JSON pointers into the body). The body is
/// buffered so the integration reads it again from the start. A span <c>Validation</c> and the counter
/// <c>apigateway.validation.failures</c> (kind body or parameters) record each decision.
/// </summary>
internal sealed partial class RequestValidator
{
    private const string DefaultMediaType = "application/json";

    private readonly ConditionalWeakTable<RouteDefinition, RoutePlan> _plans = [];
    private readonly Counter<long> _failures;
    private readonly ILogger _logger;

    public RequestValidator(IMeterFactory meterFactory, ILogger<RequestValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _failures = meterFactory.Create(GatewayTelemetry.Name).CreateCounter<long>("apigateway.validation.failures", "{request}",
            "Requests refused by a request validator: kind body (400 Invalid request body) or parameters (400 Missing required request parameters).");
        _logger = logger;
    }

    /// <summary>Null when the route validates nothing or the request passes; else the 400 to answer.</summary>
    public ValueTask<GatewayError?> ValidateAsync(HttpContext context, GatewayRequestFeature request, RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        if (route.RequestValidatorId is null)
        {
            return ValueTask.FromResult<GatewayError?>(null);
        }

        var api = request.Api!.Definition;
        var plan = _plans.GetValue(route, r => RoutePlan.Of(api, r));
        return ValidateCoreAsync(context, request, route, plan);
    }

    private async ValueTask<GatewayError?> ValidateCoreAsync(HttpContext context, GatewayRequestFeature request, RouteDefinition route, RoutePlan plan)
    {
        using var span = GatewayTelemetry.ActivitySource.StartActivity("Validation");
        span?.SetTag("apigateway.validation.validator", route.RequestValidatorId);
        if (plan.RequiredParameters.Count > 0 && Missing(context, request, plan.RequiredParameters) is { } missing)
        {
            return Refuse(request, route, span, "parameters", new GatewayError(GatewayResponseType.BadRequestParameters,
                Message: $"Missing required request parameters: [{missing}]", Detail: $"missing required request parameters: {missing}"));
        }

        if (plan.Models.Count > 0 && ModelFor(context.Request.ContentType, plan) is { } model)
        {
            span?.SetTag("apigateway.validation.model", model.Name);
            if (await ValidateBodyAsync(context, model).ConfigureAwait(false) is { } violations)
            {
                return Refuse(request, route, span, "body", new GatewayError(GatewayResponseType.BadRequestBody,
                    Message: "Invalid request body", Detail: $"the body does not match model '{model.Name}': {violations.Summary}",
                    ValidationErrors: violations.Json));
            }
        }

        span?.SetTag("apigateway.validation.valid", true);
        return null;
    }

    private GatewayError Refuse(GatewayRequestFeature request, RouteDefinition route, Activity? span, string kind, GatewayError error)
    {
        span?.SetTag("apigateway.validation.valid", false);
        span?.SetTag("apigateway.validation.kind", kind);
        var api = request.Api!.Name;
        var stage = request.Stage!.Name;
        _failures.Add(1, new TagList { { "api", api }, { "stage", stage }, { "route", route.Key.Text }, { "kind", kind } });
        Log.Refused(_logger, request.RequestId, api, stage, route.Key.Text, error.Detail);
        return error;
    }

    /// <summary>The names of the required parameters the request lacks, comma-separated in declaration order; null when none is missing.</summary>
    private static string? Missing(HttpContext context, GatewayRequestFeature request, IReadOnlyList<CacheKeyParameter> required)
    {
        StringBuilder? missing = null;
        foreach (var parameter in required)
        {
            var present = parameter.Source switch
            {
                CacheKeyParameterSource.QueryString => context.Request.Query.ContainsKey(parameter.Name),
                CacheKeyParameterSource.Header => context.Request.Headers.ContainsKey(parameter.Name),
                _ => request.PathParameters?.TryGetValue(parameter.Name, out var value) == true && value.Length > 0,
            };
            if (!present)
            {
                missing = missing is null ? new StringBuilder(parameter.Name) : missing.Append(", ").Append(parameter.Name);
            }
        }

        return missing?.ToString();
    }

    private static ModelDefinition? ModelFor(string? contentType, RoutePlan plan)
    {
        var mediaType = DefaultMediaType;
        if (!string.IsNullOrEmpty(contentType))
        {
            var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
            mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        }

        return plan.Models.TryGetValue(mediaType, out var model) ? model : plan.DefaultModel;
    }

    /// <summary>Reads the whole body (buffered, then rewound for the integration) and validates it; null when it is valid.</summary>
    private static async Task<Violations?> ValidateBodyAsync(HttpContext context, ModelDefinition model)
    {
        var body = context.Request;
        body.EnableBuffering();
        var buffer = new ArrayBufferWriter<byte>(body.ContentLength is > 0 and < 1 << 20 ? (int)body.ContentLength.Value : 4096);
        int read;
        while ((read = await body.Body.ReadAsync(buffer.GetMemory(4096), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Advance(read);
        }

        body.Body.Position = 0;

        if (buffer.WrittenCount == 0)
        {
            return Violations.Of("", "the request body is empty; a JSON document is expected");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException exception)
        {
            return Violations.Of("", $"the request body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var result = model.Schema.Validate(document.RootElement);
            return result.IsValid ? null : Violations.Of(result.Errors);
        }
    }

    /// <summary>What a route's validator checks, resolved once per definition snapshot.</summary>
    private sealed record RoutePlan(
        IReadOnlyList<CacheKeyParameter> RequiredParameters, IReadOnlyDictionary<string, ModelDefinition> Models, ModelDefinition? DefaultModel)
    {
        public static RoutePlan Of(ApiDefinition api, RouteDefinition route)
        {
            var validator = api.RequestValidators[route.RequestValidatorId!];
            var required = validator.ValidateRequestParameters
                ? [.. route.RequestParameters.Where(static p => p.Required).Select(static p => p.Parameter)]
                : new List<CacheKeyParameter>();
            var models = new Dictionary<string, ModelDefinition>(StringComparer.OrdinalIgnoreCase);
            ModelDefinition? fallback = null;
            if (validator.ValidateRequestBody)
            {
                foreach (var (mediaType, name) in route.RequestModels)
                {
                    if (mediaType == "$default")
                    {
                        fallback = api.Models[name];
                    }
                    else
                    {
                        models[mediaType] = api.Models[name];
                    }
                }

                if (fallback is not null && models.Count == 0)
                {
                    // Only $default: every content type gets it (the lookup falls through to it).
                    return new RoutePlan(required, new Dictionary<string, ModelDefinition>(StringComparer.OrdinalIgnoreCase) { ["$default"] = fallback }, fallback);
                }
            }

            return new RoutePlan(required, models, fallback);
        }
    }

    /// <summary>The violations as the response's <c>errors</c> array (JSON) and a one-line summary for logs.</summary>
    private sealed record Violations(string Json, string Summary)
    {
        public static Violations Of(string path, string message) => Of([new SchemaViolation(path, message)]);

        public static Violations Of(IReadOnlyList<SchemaViolation> violations)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartArray();
                foreach (var violation in violations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", violation.Path);
                    writer.WriteString("message", violation.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            var json = Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
            var first = violations[0];
            var summary = $"{(first.Path.Length == 0 ? "/" : first.Path)} {first.Message}" + (violations.Count > 1 ? $" (and {violations.Count - 1} more)" : "");
            return new Violations(json, summary);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Request {RequestId} on {Api}/{Stage} '{Route}' refused by its request validator: {Detail}")]
        public static partial void Refused(ILogger logger, string requestId, string api, string stage, string route, string? detail);
    }
}
