using Platform.Definitions.Authorization;
using Platform.Definitions.Drafts;
using Platform.Definitions.UsagePlans;
using Platform.Definitions.Routing;
using Platform.Definitions.Responses;
using Platform.Definitions.Rules;
using Platform.Definitions.Stages;

namespace Platform.Definitions.Loading;

/// <summary>Turns drafts that passed every rule into the immutable definition records, applying the defaults.</summary>
internal static class DefinitionBuilder
{
    public static GatewayDefinition Build(DefinitionDraft draft) => new()
    {
        Apis = draft.Apis.ToDictionary(static a => a.Name, BuildApi, StringComparer.Ordinal),
        DomainNames = draft.DomainNames.ToDictionary(static d => d.Name, BuildDomainName, StringComparer.OrdinalIgnoreCase),
        UsagePlans = draft.UsagePlans.ToDictionary(static p => p.Name, BuildUsagePlan, StringComparer.Ordinal),
        ApiKeys = draft.ApiKeys.ToDictionary(static k => k.Id, BuildApiKey, StringComparer.Ordinal),
        IpSets = draft.IpSets.ToDictionary(static s => s.Name, static s => s.Definition!, StringComparer.Ordinal),
        WebAcls = draft.WebAcls.ToDictionary(static a => a.Name, static a => a.Definition!, StringComparer.Ordinal),
    };

    private static ApiDefinition BuildApi(ApiDraft api)
    {
        var protocol = api.KnownProtocol ?? throw new InvalidOperationException($"{api.Key} was not validated");

        // AWS: payload 2.0 by default for HTTP APIs; REST APIs only know 1.0; WebSocket events are 1.0-like.
        var payloadFormatVersion = protocol == ApiProtocol.Http ? "2.0" : "1.0";
        var webSocket = protocol == ApiProtocol.WebSocket;
        return new ApiDefinition
        {
            Name = api.Name,
            Protocol = protocol,
            Source = api.File,
            Description = api.Description,
            Routes = [.. api.Routes.Select(r => new RouteDefinition
            {
                Key = webSocket ? ParseWebSocketKey(r.RouteKey) : RouteKey.Parse(r.RouteKey),
                Integration = r.Integration!,
                RouteResponseSelectionExpression = r.RouteResponseSelectionExpression,
                AuthorizationType = AuthorizationNames.TryParseAuthorizationType(r.AuthorizationType ?? "NONE", out var type) ? type : AuthorizationType.None,
                AuthorizerId = r.AuthorizerId,
                AuthorizationScopes = r.AuthorizationScopes ?? [],
                ApiKeyRequired = r.ApiKeyRequired ?? false,
                CacheKeyParameters = [.. (r.CacheKeyParameters ?? []).Select(static p => Parameter(p))],
                RequestValidatorId = r.RequestValidatorId,
                RequestModels = r.RequestModels,
                RequestParameters = [.. r.RequestParameters.Select(static p => new Validation.RequestParameterDefinition(Parameter(p.Key), p.Value))],
            })],
            Authorizers = api.Authorizers.ToDictionary(static a => a.Name, BuildAuthorizer, StringComparer.Ordinal),
            Models = api.Models.ToDictionary(static m => m.Name, static m => new Validation.ModelDefinition
            {
                Name = m.Name,
                Schema = m.Compiled ?? throw new InvalidOperationException($"{m.Key} was not validated"),
            }, StringComparer.Ordinal),
            RequestValidators = api.RequestValidators.ToDictionary(static v => v.Name, static v => new Validation.RequestValidatorDefinition
            {
                Name = v.Name,
                ValidateRequestBody = v.ValidateRequestBody ?? false,
                ValidateRequestParameters = v.ValidateRequestParameters ?? false,
            }, StringComparer.Ordinal),
            ApiKeySource = AuthorizationNames.TryParseApiKeySource(api.ApiKeySource ?? "HEADER", out var source) ? source : ApiKeySource.Header,
            Policy = api.Policy,
            Cors = api.CorsConfiguration is { } cors
                ? new Cors.CorsConfiguration
                {
                    AllowOrigins = cors.AllowOrigins ?? [],
                    AllowMethods = [.. (cors.AllowMethods ?? []).Select(static m => m.ToUpperInvariant())],
                    AllowHeaders = cors.AllowHeaders ?? [],
                    ExposeHeaders = cors.ExposeHeaders ?? [],
                    MaxAge = cors.MaxAge,
                    AllowCredentials = cors.AllowCredentials ?? false,
                }
                : null,
            RouteSelectionExpression = api.RouteSelectionExpression is { } expression ? RouteSelectionExpression.Parse(expression) : null,
            WebSocket = api.WebSocketSettings is { } settings ? BuildWebSocketSettings(settings) : WebSocketSettings.Default,
            Integrations = api.Integrations.ToDictionary(
                static i => i.Name, i => BuildIntegration(i, payloadFormatVersion), StringComparer.Ordinal),
            Stages = api.Stages.ToDictionary(static s => s.Name, BuildStage, StringComparer.Ordinal),
            GatewayResponses = api.GatewayResponses.ToDictionary(
                static r => GatewayResponseTypeNames.TryParse(r.TypeName, out var type) ? type.Value : throw new InvalidOperationException($"{r.Key} was not validated"),
                static r => new GatewayResponseDefinition { StatusCode = r.StatusCode, Headers = r.Headers, BodyTemplate = r.BodyTemplate }),
        };
    }

    private static CacheKeyParameter Parameter(string text) =>
        CacheKeyParameter.TryParse(text, out var parameter) ? parameter : throw new InvalidOperationException($"{text} was not validated");

    private static RouteKey ParseWebSocketKey(string text) =>
        RouteKey.TryParseWebSocket(text, out var key, out var error) ? key : throw new InvalidOperationException(error);

    private static WebSocketSettings BuildWebSocketSettings(WebSocketSettingsDraft settings)
    {
        var defaults = WebSocketSettings.Default;
        return new WebSocketSettings
        {
            IdleTimeoutSeconds = settings.IdleTimeoutSeconds ?? defaults.IdleTimeoutSeconds,
            MaxConnectionDurationSeconds = settings.MaxConnectionDurationSeconds ?? defaults.MaxConnectionDurationSeconds,
            MaxFrameBytes = settings.MaxFrameBytes ?? defaults.MaxFrameBytes,
            MaxMessageBytes = settings.MaxMessageBytes ?? defaults.MaxMessageBytes,
            AllowBinaryFrames = settings.AllowBinaryFrames ?? defaults.AllowBinaryFrames,
        };
    }

    private static IntegrationDefinition BuildIntegration(IntegrationDraft integration, string defaultPayloadFormatVersion) => new()
    {
        Name = integration.Name,
        Type = integration.KnownType ?? throw new InvalidOperationException($"{integration.Key} was not validated"),
        IntegrationUri = integration.IntegrationUri,
        IntegrationMethod = integration.IntegrationMethod,
        FunctionName = integration.FunctionName,
        PayloadFormatVersion = integration.PayloadFormatVersion ?? defaultPayloadFormatVersion,
        TimeoutInMillis = integration.TimeoutInMillis ?? IntegrationDefinition.DefaultTimeoutInMillis,
        MockResponse = integration.MockResponse is { } mock
            ? new MockResponseDefinition { StatusCode = mock.StatusCode ?? 200, Headers = mock.Headers, Body = mock.Body }
            : null,
    };

    private static StageDefinition BuildStage(StageDraft stage) => new()
    {
        Name = stage.Name,
        StageVariables = stage.StageVariables,
        AccessLogFormat = stage.AccessLogFormat,
        CacheClusterEnabled = stage.CacheClusterEnabled ?? false,
        DefaultRouteSettings = stage.DefaultRouteSettings is { } defaults ? BuildRouteSettings(defaults) : RouteSettings.None,
        RouteSettings = stage.RouteSettings.ToDictionary(static s => s.RouteKey!, BuildRouteSettings, StringComparer.Ordinal),
        WebAcl = stage.WebAcl,
    };

    private static RouteSettings BuildRouteSettings(RouteSettingsDraft settings) => new()
    {
        ThrottlingRateLimit = settings.ThrottlingRateLimit,
        ThrottlingBurstLimit = settings.ThrottlingBurstLimit,
        CachingEnabled = settings.CachingEnabled,
        CacheTtlInSeconds = settings.CacheTtlInSeconds,
        RequireAuthorizationForCacheControl = settings.RequireAuthorizationForCacheControl,
        UnauthorizedCacheControlHeaderStrategy = settings.UnauthorizedCacheControlHeaderStrategy is { } name
            ? RouteSettingsRule.ParseStrategy(name) ?? throw new InvalidOperationException($"{settings.Key} was not validated")
            : null,
        CacheableStatusCodes = settings.CacheableStatusCodes,
    };

    private static DomainNameDefinition BuildDomainName(DomainNameDraft domain) => new()
    {
        DomainName = domain.Name,
        ApiMappings = [.. domain.ApiMappings.Select(static m => new ApiMappingDefinition { ApiMappingKey = m.ApiMappingKey ?? "", Api = m.Api!, Stage = m.Stage! })],
    };

    private static AuthorizerDefinition BuildAuthorizer(AuthorizerDraft authorizer)
    {
        var type = AuthorizationNames.TryParseAuthorizerType(authorizer.AuthorizerType, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{authorizer.Key} was not validated");
        return new AuthorizerDefinition
        {
            Name = authorizer.Name,
            Type = type,
            IdentitySources = authorizer.IdentitySource is { Count: > 0 } sources
                ? [.. sources.Select(static s => IdentitySource.TryParse(s, out var source, out var error) ? source : throw new InvalidOperationException(error))]
                : [IdentitySource.AuthorizationHeader],
            Jwt = authorizer.JwtConfiguration is { } jwt
                ? new JwtConfiguration
                {
                    Issuer = jwt.Issuer!,
                    Audience = jwt.Audience ?? [],
                    JwksUri = jwt.JwksUri,
                    SharedSecrets = jwt.SharedSecrets ?? [],
                    ClockSkewSeconds = jwt.ClockSkewSeconds ?? 0,
                }
                : null,
            IntegrationUri = authorizer.IntegrationUri,
            FunctionName = authorizer.FunctionName,
            // TOKEN authorizers are REST's: their events and answers are payload 1.0.
            PayloadFormatVersion = type == AuthorizerType.Token ? "1.0" : authorizer.PayloadFormatVersion ?? "2.0",
            EnableSimpleResponses = authorizer.EnableSimpleResponses ?? false,
            ResultTtlInSeconds = authorizer.ResultTtlInSeconds ?? AuthorizerDefinition.DefaultResultTtlInSeconds,
            IdentityValidationExpression = authorizer.IdentityValidationExpression,
            TimeoutInMillis = authorizer.TimeoutInMillis ?? AuthorizerDefinition.DefaultTimeoutInMillis,
        };
    }

    private static UsagePlanDefinition BuildUsagePlan(UsagePlanDraft plan) => new()
    {
        Name = plan.Name,
        Description = plan.Description,
        ApiStages = [.. plan.ApiStages.Select(static s => new UsagePlanApiStage
        {
            Api = s.Api!,
            Stage = s.Stage!,
            Throttle = s.Throttle.ToDictionary(static t => t.RouteKey, static t => BuildThrottle(t.Throttle), StringComparer.Ordinal),
        })],
        Throttle = plan.Throttle is { } throttle ? BuildThrottle(throttle) : null,
        Quota = plan.Quota is { } quota
            ? new QuotaSettings(quota.Limit!.Value, QuotaPeriodOf(quota.Period!), quota.Offset ?? 0)
            : null,
    };

    private static ThrottleSettings BuildThrottle(ThrottleDraft throttle) => new(throttle.RateLimit!.Value, throttle.BurstLimit!.Value);

    private static QuotaPeriod QuotaPeriodOf(string period) => period switch
    {
        "DAY" => QuotaPeriod.Day,
        "WEEK" => QuotaPeriod.Week,
        "MONTH" => QuotaPeriod.Month,
        _ => throw new InvalidOperationException($"quota period '{period}' was not validated"),
    };

    private static ApiKeyDefinition BuildApiKey(ApiKeyDraft key) => new()
    {
        Id = key.Id,
        // The value itself is dropped here: only its hash is kept in memory (and anywhere else the key is used).
        ValueSha256 = key.Value is { } value ? ApiKeyDefinition.Hash(value) : key.ValueSha256!.ToLowerInvariant(),
        Enabled = key.Enabled ?? true,
        UsagePlans = key.UsagePlans ?? [],
        Description = key.Description,
    };
}
