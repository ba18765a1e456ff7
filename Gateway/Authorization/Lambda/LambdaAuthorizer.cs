using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Platform.Definitions;
using Platform.Definitions.Authorization;
using Platform.Definitions.Responses;
using Platform.Gateway.Authorization.Policies;
using Platform.Gateway.Integrations.Lambda;
using Platform.Gateway.Pipeline;
using Platform.Gateway.Responses;

namespace Platform.Gateway.Authorization.Lambda;

/// <summary>
/// REQUEST and TOKEN (Lambda, "custom") authorizers (AWS-REFERENCE §5.2, §5.3), in AWS's order:
/// <list type="number">
/// <item>every identity source must have a value, else 401 without invoking; a TOKEN authorizer's token must also
/// match its <c>identityValidationExpression</c> (a whole-token match), else 401 without invoking;</item>
/// <item>a decision cached for the same identity is reused; otherwise the function is invoked with the event of the
/// API's flavour (<see cref="AuthorizerEventBuilder"/>) and its answer read (<see cref="AuthorizerFunctionInvoker"/>);</item>
/// <item>the decision is evaluated against this request's ARN: a simple response's boolean, or the policy's
/// statements (explicit Deny → 403, matching Allow → allowed, nothing matching → 403).</item>
/// </list>
/// Caching: decisions (policies, simple results, allow or deny) are kept for <c>authorizerResultTtlInSeconds</c>. A
/// function's "Unauthorized" and every failure are not cached, so a caller who fixes a token, or a function that
/// recovers, is heard at once.
/// </summary>
internal sealed partial class LambdaAuthorizer(
    AuthorizerFunctionInvoker functions, AuthorizerResultCache cache, TimeProvider time, ILogger<LambdaAuthorizer> logger) : IRouteAuthorizer
{
    /// <summary>REST's body for a policy that allows nothing matching (AWS's reads <c>{"Message":...}</c>; ours goes through the message template).</summary>
    internal const string ImplicitDenyMessage = "User is not authorized to access this resource";

    // Bounds a validation expression's run on a caller-chosen token, whatever the expression.
    private static readonly TimeSpan ValidationTimeout = TimeSpan.FromMilliseconds(100);

    // Compiled once per definition instance; a reload brings new instances and the old ones are collected.
    private readonly ConditionalWeakTable<AuthorizerDefinition, TokenValidation> _validations = [];

    public bool Serves(AuthorizerType type) => type is AuthorizerType.Request or AuthorizerType.Token;

    public async ValueTask<GatewayError?> AuthorizeAsync(
        HttpContext context, GatewayRequestFeature request, AuthorizerDefinition authorizer, RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorizer);
        var api = request.Api ?? throw new InvalidOperationException("the request has no API");
        var stage = request.Stage ?? throw new InvalidOperationException("the request has no stage");

        if (IdentitySources.ReadAll(context, request, authorizer.IdentitySources) is not { } values)
        {
            var missing = authorizer.IdentitySources.First(s => IdentitySources.Read(context, request, s) is null);
            return new GatewayError(GatewayResponseType.Unauthorized, Detail: $"identity source {missing} is missing or empty; '{authorizer.Name}' was not invoked");
        }

        string[] identity = [.. values!];
        if (authorizer.Type == AuthorizerType.Token && Validate(request, authorizer, identity[0]) is { } invalid)
        {
            return invalid;
        }

        var functionName = StageVariableSubstitution.Apply(authorizer.FunctionName ?? string.Empty, stage.StageVariables);
        Activity.Current?.SetTag("apigateway.authorizer.function", functionName);
        if (functionName.Length == 0)
        {
            return Misconfigured(request, authorizer,
                $"function name '{authorizer.FunctionName}' is empty in stage '{stage.Name}' (a stage variable it uses is not set)");
        }

        if (!Uri.TryCreate(authorizer.IntegrationUri, UriKind.Absolute, out var service))
        {
            return Misconfigured(request, authorizer, $"integrationUri '{authorizer.IntegrationUri}' is not an absolute URL");
        }

        var arn = ExecuteApiArn.Of(context, request);
        var shape = AuthorizerEventBuilder.ShapeOf(api.Protocol, authorizer);

        // Reads the request, so it runs on the request's own path (the cache calls it synchronously, before its first await).
        AuthorizerCall Call() => new(request.RequestId, authorizer.Name, service, functionName,
            AuthorizerEventBuilder.Build(shape, context, request, arn, identity), authorizer.TimeoutInMillis,
            SimpleResponses: shape == AuthorizerEventShape.RequestV2 && authorizer.EnableSimpleResponses);

        var ttl = TimeSpan.FromSeconds(Math.Clamp(authorizer.ResultTtlInSeconds, 0, AuthorizerDefinition.MaxResultTtlInSeconds));
        var (outcome, cacheHit) = ttl > TimeSpan.Zero
            ? await DecideCachedAsync(context, new AuthorizerCacheKey(request.Gateway.Version, api.Name, stage.Name, authorizer.Name,
                AuthorizerCacheKey.IdentityOf(identity)), ttl, Call).ConfigureAwait(false)
            : (await functions.InvokeAsync(Call(), context.RequestAborted).ConfigureAwait(false), false);
        return outcome.Error ?? Apply(request, api, outcome.Decision!, arn, outcome.Latency, cacheHit);
    }

    /// <summary>A cached decision (latency 0), else the outcome of an invocation shared with concurrent misses for the same key.</summary>
    private async Task<(AuthorizerOutcome Outcome, bool CacheHit)> DecideCachedAsync(
        HttpContext context, AuthorizerCacheKey key, TimeSpan ttl, Func<AuthorizerCall> call)
    {
        if (cache.TryGet(key, out var cached))
        {
            return (new AuthorizerOutcome(cached, null, TimeSpan.Zero), true);
        }

        // The shared invocation runs to its own timeout whoever leaves; each caller stops waiting when its client goes.
        var started = time.GetTimestamp();
        var pending = cache.InvokeOnceAsync(key, ttl, () => functions.InvokeAsync(call(), CancellationToken.None), out var joined);
        var outcome = await pending.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        Activity.Current?.SetTag("apigateway.authorizer.coalesced", joined);

        // A caller that joined another's invocation waited its own time for it.
        return (joined ? outcome with { Latency = time.GetElapsedTime(started) } : outcome, false);
    }

    private static GatewayError? Apply(GatewayRequestFeature request, Runtime.CompiledApi api, AuthorizerDecision decision, string arn, TimeSpan latency, bool cacheHit)
    {
        var verdict = decision.Evaluate(arn, api.Name);
        Activity.Current?.SetTag("apigateway.authorizer.verdict", verdict.ToString());
        switch (verdict)
        {
            case AuthorizerVerdict.Allow:
                request.Authorizer = new AuthorizerResult
                {
                    Kind = AuthorizerKind.Lambda,
                    PrincipalId = decision.PrincipalId,
                    Context = decision.Context,
                    UsageIdentifierKey = decision.UsageIdentifierKey,
                    Latency = latency,
                    CacheHit = cacheHit,
                };
                return null;
            case AuthorizerVerdict.ExplicitDeny:
                return new GatewayError(GatewayResponseType.AccessDenied, Detail: $"the policy of principal '{decision.PrincipalId}' denies {arn}{Cached(cacheHit)}");
            case AuthorizerVerdict.ImplicitDeny:
                return new GatewayError(GatewayResponseType.AccessDenied, Message: api.Protocol == ApiProtocol.Rest ? ImplicitDenyMessage : null,
                    Detail: $"the policy of principal '{decision.PrincipalId}' allows nothing matching {arn}{Cached(cacheHit)}");
            default:
                return new GatewayError(GatewayResponseType.AccessDenied, Detail: $"the simple response is isAuthorized false{Cached(cacheHit)}");
        }
    }

    private static string Cached(bool cacheHit) => cacheHit ? " (cached decision)" : "";

    private GatewayError Misconfigured(GatewayRequestFeature request, AuthorizerDefinition authorizer, string problem)
    {
        Log.Misconfigured(logger, request.RequestId, authorizer.Name, problem);
        return new GatewayError(GatewayResponseType.AuthorizerConfigurationError, Detail: $"authorizer '{authorizer.Name}': {problem}");
    }

    private GatewayError? Validate(GatewayRequestFeature request, AuthorizerDefinition authorizer, string token)
    {
        var validation = _validations.GetValue(authorizer, TokenValidation.Compile);
        if (validation.Error is { } problem)
        {
            return Misconfigured(request, authorizer, problem);
        }

        try
        {
            return validation.Regex is null || validation.Regex.IsMatch(token)
                ? null
                : new GatewayError(GatewayResponseType.Unauthorized,
                    Detail: $"the token does not match the identityValidationExpression of '{authorizer.Name}'; it was not invoked");
        }
        catch (RegexMatchTimeoutException)
        {
            Log.ValidationTimedOut(logger, request.RequestId, authorizer.Name, ValidationTimeout.TotalMilliseconds);
            return new GatewayError(GatewayResponseType.Unauthorized,
                Detail: $"matching the token against the identityValidationExpression of '{authorizer.Name}' took over {ValidationTimeout.TotalMilliseconds} ms");
        }
    }

    /// <summary>A TOKEN authorizer's compiled <c>identityValidationExpression</c> (null when it has none), or why it does not compile.</summary>
    private sealed record TokenValidation(Regex? Regex, string? Error)
    {
        // The whole token must match, as API Gateway (a Java service) applies String.matches; \z, because $ would
        // also accept a trailing newline.
        public static TokenValidation Compile(AuthorizerDefinition authorizer)
        {
            if (string.IsNullOrEmpty(authorizer.IdentityValidationExpression))
            {
                return new TokenValidation(null, null);
            }

            try
            {
                return new TokenValidation(new Regex($"^(?:{authorizer.IdentityValidationExpression})\\z",
                    RegexOptions.CultureInvariant, ValidationTimeout), null);
            }
            catch (ArgumentException ex)
            {
                return new TokenValidation(null, $"identityValidationExpression is not a valid regular expression: {ex.Message}");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Request {RequestId}: authorizer {Authorizer} is misconfigured, answering 500: {Problem}")]
        public static partial void Misconfigured(ILogger logger, string requestId, string authorizer, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Request {RequestId}: matching a token against the identityValidationExpression of {Authorizer} took over {TimeoutMs} ms; answering 401.")]
        public static partial void ValidationTimedOut(ILogger logger, string requestId, string authorizer, double timeoutMs);
    }
}
