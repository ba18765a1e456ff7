using System.Diagnostics;
using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Responses;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;
using Platform.Gateway.UsagePlans;
using Platform.ServiceDefaults.Signing;

namespace Platform.Gateway.Authorization;

/// <summary>
/// Who may call what, between route matching and the integration, in AWS's order:
/// <list type="number">
/// <item>the route's authorization: <c>AWS_IAM</c> (SigV4, the verifier the hub's <c>@connections</c> API uses),
/// <c>JWT</c> or <c>CUSTOM</c> (the API's authorizer by <c>authorizerId</c>), each in an <c>Authorizer</c> span;</item>
/// <item>the API's resource policy (source IP, API key, principal), which needs the caller the authorizer established;</item>
/// <item>the API key and its usage plan's throttle and quota, when the route requires a key.</item>
/// </list>
/// For a WEBSOCKET API only the <c>$connect</c> handshake is checked, against the <c>$connect</c> route's settings.
/// </summary>
internal sealed partial class AccessControl(
    IEnumerable<IRouteAuthorizer> authorizers,
    UsagePlanEnforcer usagePlans,
    GatewayTelemetry telemetry,
    IServiceProvider services,
    ILogger<AccessControl> logger)
{
    private readonly IRouteAuthorizer[] _authorizers = [.. authorizers];

    /// <summary>Null when the request may go on; otherwise the gateway error to answer.</summary>
    public async ValueTask<GatewayError?> CheckAsync(HttpContext context, GatewayRequestFeature request, RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);

        var api = request.Api!;
        var error = route.AuthorizationType switch
        {
            AuthorizationType.None => null,
            AuthorizationType.AwsIam => await VerifySignatureAsync(context, request).ConfigureAwait(false),
            _ => await AuthorizeAsync(context, request, route).ConfigureAwait(false),
        };

        if (error is null && api.Definition.Policy is { } policy)
        {
            error = ResourcePolicyEvaluator.Evaluate(context, request, policy);
            if (error is not null)
            {
                Denied(request, "policy", error);
            }
        }

        if (error is null && route.ApiKeyRequired)
        {
            error = await usagePlans.EnforceAsync(context, request).ConfigureAwait(false);
            if (error is not null)
            {
                Denied(request, "api_key", error);
            }
        }

        return error;
    }

    private async ValueTask<GatewayError?> AuthorizeAsync(HttpContext context, GatewayRequestFeature request, RouteDefinition route)
    {
        var api = request.Api!;
        if (route.AuthorizerId is not { } name || !api.Definition.Authorizers.TryGetValue(name, out var authorizer))
        {
            // The loader rejects such definitions; a snapshot built in code could still hold one.
            return new GatewayError(GatewayResponseType.AuthorizerConfigurationError,
                Detail: $"route '{route.Key.Text}' names authorizer '{route.AuthorizerId}', which API '{api.Name}' does not declare");
        }

        var handler = Array.Find(_authorizers, a => a.Serves(authorizer.Type));
        if (handler is null)
        {
            return new GatewayError(GatewayResponseType.AuthorizerConfigurationError,
                Detail: $"no authorizer implementation serves {AuthorizationNames.NameOf(authorizer.Type)} authorizers");
        }

        var kind = authorizer.Type == AuthorizerType.Jwt ? "jwt" : "lambda";
        var started = Stopwatch.GetTimestamp();
        GatewayError? error;
        using (var span = GatewayTelemetry.ActivitySource.StartActivity("Authorizer"))
        {
            span?.SetTag("apigateway.authorizer.name", authorizer.Name);
            span?.SetTag("apigateway.authorizer.type", AuthorizationNames.NameOf(authorizer.Type));
            error = await handler.AuthorizeAsync(context, request, authorizer, route).ConfigureAwait(false);
            var cacheHit = request.Authorizer?.CacheHit ?? false;
            span?.SetTag("apigateway.authorizer.cache_hit", cacheHit);
            span?.SetTag("apigateway.authorizer.allowed", error is null);
            if (request.Authorizer?.PrincipalId is { } principal)
            {
                span?.SetTag("apigateway.authorizer.principal_id", principal);
            }

            if (error is not null)
            {
                span?.SetTag("apigateway.authorizer.response_type", GatewayResponseTypeNames.NameOf(error.Type));
                span?.SetStatus(ActivityStatusCode.Error, error.Detail);
            }

            telemetry.RecordAuthorizerLatency(api.Name, request.Stage!.Name, authorizer.Name, cacheHit, Stopwatch.GetElapsedTime(started));
        }

        if (error is not null)
        {
            if (IsAuthorizerFailure(error.Type))
            {
                telemetry.RecordAuthorizerError(api.Name, request.Stage!.Name, authorizer.Name, GatewayResponseTypeNames.NameOf(error.Type));
                request.IntegrationErrorMessage ??= error.Detail;
            }
            else
            {
                Denied(request, kind, error);
            }
        }

        return error;
    }

    private async ValueTask<GatewayError?> VerifySignatureAsync(HttpContext context, GatewayRequestFeature request)
    {
        using var span = GatewayTelemetry.ActivitySource.StartActivity("Authorizer");
        span?.SetTag("apigateway.authorizer.type", "AWS_IAM");
        var verifier = services.GetService<SigV4Verifier>();
        if (verifier is null)
        {
            var detail = $"route '{request.RouteKeyText}' uses AWS_IAM but the gateway has no {SigV4Options.CredentialsSectionName} to verify signatures with";
            telemetry.RecordAuthorizerError(request.Api!.Name, request.Stage!.Name, "AWS_IAM", "no_credentials");
            span?.SetStatus(ActivityStatusCode.Error, detail);
            return new GatewayError(GatewayResponseType.AuthorizerConfigurationError, Detail: detail);
        }

        var result = await verifier.VerifyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        span?.SetTag("apigateway.authorizer.allowed", result.Succeeded);
        if (result.Succeeded)
        {
            request.Authorizer = new AuthorizerResult
            {
                Kind = AuthorizerKind.Iam,
                PrincipalId = result.AccessKeyId,
                AccessKey = result.AccessKeyId,
            };
            span?.SetTag("apigateway.authorizer.principal_id", result.AccessKeyId);
            return null;
        }

        var failure = result.Error;
        span?.SetStatus(ActivityStatusCode.Error, failure.Message);
        var error = SignatureError(failure);
        Denied(request, "iam", error);
        return error;
    }

    /// <summary>SigV4 failures as AWS's gateway responses: unsigned → Missing Authentication Token, the rest 403 with the verifier's message.</summary>
    private static GatewayError SignatureError(SigV4Error failure) => failure.Kind switch
    {
        SigV4ErrorKind.MissingAuthenticationToken => new GatewayError(GatewayResponseType.MissingAuthenticationToken, Detail: failure.Message),
        SigV4ErrorKind.PayloadTooLarge => new GatewayError(GatewayResponseType.RequestTooLarge, Detail: failure.Message),
        SigV4ErrorKind.UnrecognizedClient => new GatewayError(GatewayResponseType.InvalidSignature,
            Message: "The security token included in the request is invalid.", Detail: failure.Message),
        _ => new GatewayError(GatewayResponseType.InvalidSignature, Message: failure.Message, Detail: failure.Message),
    };

    private static bool IsAuthorizerFailure(GatewayResponseType type) =>
        type is GatewayResponseType.AuthorizerFailure or GatewayResponseType.AuthorizerConfigurationError;

    private void Denied(GatewayRequestFeature request, string by, GatewayError error)
    {
        var api = request.Api!.Name;
        var stage = request.Stage!.Name;
        var route = request.RouteKeyText ?? "-";
        telemetry.RecordDenial(api, stage, route, by, GatewayResponseTypeNames.NameOf(error.Type));
        Log.Denied(logger, request.RequestId, api, stage, route, by, error.Type, error.Detail);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Request {RequestId} on {Api}/{Stage} '{Route}' refused by {By}: {ResponseType} ({Detail})")]
        public static partial void Denied(ILogger logger, string requestId, string api, string stage, string route, string by, GatewayResponseType responseType, string? detail);
    }
}
